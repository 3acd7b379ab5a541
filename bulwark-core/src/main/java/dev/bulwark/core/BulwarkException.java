package dev.bulwark.core;

import static java.util.Objects.requireNonNull;

/** A failure with a message meant for the user, categorized by {@link ErrorCode}. */
public class BulwarkException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final ErrorCode errorCode;

    public BulwarkException(ErrorCode errorCode, String message) {
        super(message);
        this.errorCode = requireNonNull(errorCode, "errorCode is null");
    }

    public BulwarkException(ErrorCode errorCode, String message, Throwable cause) {
        super(message, cause);
        this.errorCode = requireNonNull(errorCode, "errorCode is null");
    }

    public ErrorCode errorCode() {
        return errorCode;
    }

    public static BulwarkException userError(String message) {
        return new BulwarkException(ErrorCode.USER_ERROR, message);
    }
}
