package org.lcnflow.cli.architecture;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/** Where the checkout is: the tests run in the module's folder. */
final class Checkout {

    private Checkout() {
    }

    /** @return the first parent of the working directory that holds lcn-api */
    static Path root() {
        Path directory = Path.of("").toAbsolutePath();
        while (directory != null && !Files.isRegularFile(directory.resolve("lcn-api/pom.xml"))) {
            directory = directory.getParent();
        }
        assertTrue(directory != null, "no checkout root above " + Path.of("").toAbsolutePath());
        return directory;
    }
}
