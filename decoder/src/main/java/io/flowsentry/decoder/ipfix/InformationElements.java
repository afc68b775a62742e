package io.flowsentry.decoder.ipfix;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The IANA IPFIX Information Element registry (RFC 7012 §4): name and abstract data type of every
 * registered element, read once from the resource {@code iana-information-elements.tsv} (see its header
 * for where it came from).
 */
public final class InformationElements {

    /** Element ids are 15 bits (RFC 7011 §3.2). */
    private static final int MAX_ID = 0x7fff;
    private static final String RESOURCE = "iana-information-elements.tsv";
    private static final InformationElements IANA = load();

    private final String[] names = new String[MAX_ID + 1];
    private final String[] types = new String[MAX_ID + 1];
    private int count;

    private InformationElements() {
    }

    public static InformationElements iana() {
        return IANA;
    }

    /** The registered name of element {@code id}, or {@code null} if unassigned. */
    public String name(int id) {
        return id >= 0 && id <= MAX_ID ? names[id] : null;
    }

    /** The abstract data type (RFC 7012 §3.1) of element {@code id}, e.g. {@code unsigned64}, or {@code null}. */
    public String type(int id) {
        return id >= 0 && id <= MAX_ID ? types[id] : null;
    }

    /** How many elements the registry names. */
    public int size() {
        return count;
    }

    private static InformationElements load() {
        InformationElements ie = new InformationElements();
        try (InputStream in = InformationElements.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("resource " + RESOURCE + " missing from the decoder jar");
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line; (line = reader.readLine()) != null; ) {
                if (line.isEmpty() || line.startsWith("#")) {
                    continue;
                }
                String[] cols = line.split("\t");
                int id = Integer.parseInt(cols[0]);
                ie.names[id] = cols[1];
                ie.types[id] = cols[2];
                ie.count++;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return ie;
    }
}
