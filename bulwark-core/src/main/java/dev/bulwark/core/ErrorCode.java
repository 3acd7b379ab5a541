package dev.bulwark.core;

/** The category of a user-facing error; it decides the exit code and how the message is worded. */
public enum ErrorCode {
    /** The user asked for something invalid: a bad flag, a missing file, a malformed rule or config. */
    USER_ERROR,
    /** A limit was hit or a resource was unavailable (disk, memory, permissions). */
    RESOURCE_ERROR,
    /** A bug in Bulwark. */
    INTERNAL_ERROR
}
