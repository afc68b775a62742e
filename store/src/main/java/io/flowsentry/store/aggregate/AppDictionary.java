package io.flowsentry.store.aggregate;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * App strings interned as small ids, so an aggregate stores an {@code int} per app. Capped: once
 * {@code cap} strings are known, a new one gets {@link #FULL}. Optionally persisted as a text file, one
 * app per line, the line number (from 0) being the id; a new app is written to the file before its id is
 * returned, so a map entry never holds an id the file lacks. App strings containing a line break are
 * stored with it replaced by a space (their id stays distinct in memory for this run).
 */
final class AppDictionary implements AutoCloseable {

    /** The flow has no app. */
    static final int NONE = -1;
    /** The dictionary is full: the app is counted as overflow. */
    static final int FULL = -2;

    private final Map<String, Integer> ids = new HashMap<>();
    private final List<String> apps = new ArrayList<>();
    private final int cap;
    private final FileChannel file;

    private AppDictionary(int cap, FileChannel file) {
        this.cap = cap;
        this.file = file;
    }

    static AppDictionary inMemory(int cap) {
        return new AppDictionary(cap, null);
    }

    /** A read-only view of apps read from a dictionary file. */
    static AppDictionary of(List<String> apps) {
        AppDictionary d = new AppDictionary(Integer.MAX_VALUE, null);
        apps.forEach(d::remember);
        return d;
    }

    /** Opens (or creates) the dictionary file and reads the apps already in it. */
    static AppDictionary persisted(Path path, int cap) throws IOException {
        AppDictionary d = new AppDictionary(cap, FileChannel.open(path, StandardOpenOption.CREATE,
                StandardOpenOption.WRITE, StandardOpenOption.APPEND));
        for (String app : readFile(path)) {
            d.remember(app);
        }
        return d;
    }

    /** The apps of a dictionary file, by id; empty when the file does not exist. */
    static List<String> readFile(Path path) throws IOException {
        if (!Files.exists(path)) {
            return List.of();
        }
        String text = Files.readString(path, StandardCharsets.UTF_8);
        List<String> out = new ArrayList<>();
        int from = 0;
        int nl;
        while ((nl = text.indexOf('\n', from)) >= 0) { // a last line without '\n' was never completed
            out.add(text.substring(from, nl));
            from = nl + 1;
        }
        return out;
    }

    private void remember(String app) {
        ids.putIfAbsent(app, apps.size());
        apps.add(app);
    }

    /** The id of {@code app}: {@link #NONE} for null, {@link #FULL} when new and the cap is reached. */
    int idOf(String app) {
        if (app == null) {
            return NONE;
        }
        Integer id = ids.get(app);
        if (id != null) {
            return id;
        }
        if (apps.size() >= cap) {
            return FULL;
        }
        if (file != null) {
            byte[] line = (app.replace('\n', ' ').replace('\r', ' ') + "\n").getBytes(StandardCharsets.UTF_8);
            try {
                ByteBuffer buf = ByteBuffer.wrap(line);
                while (buf.hasRemaining()) {
                    file.write(buf);
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot append to the app dictionary", e);
            }
        }
        int newId = apps.size();
        ids.put(app, newId);
        apps.add(app);
        return newId;
    }

    String app(int id) {
        return id >= 0 && id < apps.size() ? apps.get(id) : "#" + id;
    }

    int size() {
        return apps.size();
    }

    @Override
    public void close() {
        if (file != null) {
            try {
                file.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
