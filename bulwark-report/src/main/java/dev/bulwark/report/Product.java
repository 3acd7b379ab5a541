package dev.bulwark.report;

/** How reports name the tool. */
final class Product {
    static final String NAME = "Bulwark";
    static final String VENDOR = "Bulwark";

    private Product() {}
}
