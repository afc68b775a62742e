package io.flowsentry.packaging;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The Chronicle JVM flags as each launcher and the parent pom spell them, to check they agree. */
final class JvmFlags {

    private static final Pattern FLAG_LINE = Pattern.compile("^\\s+(--add-(?:exports|opens)=\\S+)\\s*$");
    private static final Pattern POM_PROPERTY = Pattern.compile("<chronicle\\.jvm\\.flags>([^<]*)</chronicle\\.jvm\\.flags>");

    private JvmFlags() {
    }

    /** The {@code --add-*} lines of a launcher's {@code jvm_flags=( ... )} array. */
    static List<String> ofLauncher(String script) {
        List<String> flags = new ArrayList<>();
        for (String line : script.split("\n")) {
            Matcher m = FLAG_LINE.matcher(line);
            if (m.matches()) {
                flags.add(m.group(1));
            }
        }
        return flags;
    }

    static List<String> ofParentPom(Path pom) throws IOException {
        Matcher m = POM_PROPERTY.matcher(Files.readString(pom));
        if (!m.find()) {
            throw new IllegalStateException(pom + " has no chronicle.jvm.flags property");
        }
        return List.of(m.group(1).trim().split("\\s+"));
    }
}
