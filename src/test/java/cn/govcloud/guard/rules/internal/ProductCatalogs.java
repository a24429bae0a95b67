package cn.govcloud.guard.rules.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** The product catalog and the spec files for tests that need no Spring. */
final class ProductCatalogs {
    private static ProductCatalog product;

    private ProductCatalogs() {
    }

    static synchronized ProductCatalog product() {
        if (product == null) {
            product = new CatalogParser(Requirements.load()).parse("catalog.yaml", resource("rules/catalog.yaml"));
        }
        return product;
    }

    static String resource(String name) {
        try (InputStream in = ProductCatalogs.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException(name + " not on the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
