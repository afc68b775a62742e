package io.flowsentry.store.aggregate;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import net.openhft.chronicle.values.ValueModel;
import org.junit.jupiter.api.Test;

/**
 * The Chronicle Values implementations of the map's key and value interfaces are compiled into the store
 * jar from sources kept next to the interfaces ({@code AggregateKey$$Native.java} and the others), so a
 * collector does not run javac at start: Chronicle Values loads a class of the expected name when one is
 * on the class path and generates and compiles one only when none is. Its run-time compile kept the JIT
 * busy for the first seconds of traffic (about 650 compiles of javac's own code, measured with
 * {@code -XX:+LogCompilation}), while the receive thread still ran interpreted.
 *
 * <p>This test fails when a kept source differs from what Chronicle Values generates for the interface
 * now (an interface or library change). {@code -Dflowsentry.regenerate=true} rewrites the sources:
 * {@code mvn -pl store -am test -Dtest=GeneratedValueClassesTest -Dsurefire.failIfNoSpecifiedTests=false -Dflowsentry.regenerate=true}.
 */
class GeneratedValueClassesTest {

    private static final List<Class<?>> VALUE_INTERFACES = List.of(AggregateKey.class, AggregateValue.class);
    private static final Path SOURCES = Path.of("src/main/java/io/flowsentry/store/aggregate");

    static String generate(Class<?> valueInterface, String suffix) throws ReflectiveOperationException {
        ValueModel model = ValueModel.acquire(valueInterface);
        Class<?> generators = Class.forName("net.openhft.chronicle.values.Generators");
        String method = suffix.equals(ValueModel.$$NATIVE) ? "generateNativeClass" : "generateHeapClass";
        Method generator = generators.getDeclaredMethod(method, ValueModel.class, String.class);
        generator.setAccessible(true);
        return (String) generator.invoke(null, model, valueInterface.getSimpleName() + suffix);
    }

    @Test
    void theKeptSourcesAreWhatChronicleValuesGeneratesForTheInterfaces() throws Exception {
        boolean regenerate = Boolean.getBoolean("flowsentry.regenerate");
        for (Class<?> valueInterface : VALUE_INTERFACES) {
            for (String suffix : List.of(ValueModel.$$NATIVE, ValueModel.$$HEAP)) {
                String expected = generate(valueInterface, suffix);
                Path file = SOURCES.resolve(valueInterface.getSimpleName() + suffix + ".java");
                if (regenerate) {
                    Files.writeString(file, expected, StandardCharsets.UTF_8);
                }
                assertThat(read(file)).as("%s: regenerate it (see this test's comment)", file).isEqualTo(expected);
            }
        }
    }

    @Test
    void theMapUsesTheCompiledClasses() throws Exception {
        for (Class<?> valueInterface : VALUE_INTERFACES) {
            ValueModel model = ValueModel.acquire(valueInterface);
            assertThat(model.nativeClass().getClassLoader()).isSameAs(valueInterface.getClassLoader());
            assertThat(model.nativeClass().getProtectionDomain().getCodeSource())
                    .isEqualTo(valueInterface.getProtectionDomain().getCodeSource());
            assertThat(model.heapClass().getProtectionDomain().getCodeSource())
                    .isEqualTo(valueInterface.getProtectionDomain().getCodeSource());
        }
    }

    private static String read(Path file) throws IOException {
        return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
    }
}
