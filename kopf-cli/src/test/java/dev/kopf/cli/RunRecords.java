package dev.kopf.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The handlers' own records of their runs ({@code dev.kopf.cli.handlers.ChaosHandlers}), one
 * file per operator process, read back by the chaos tests. A last line cut by a SIGKILL
 * (no newline yet) is ignored.
 */
final class RunRecords {
    /** One line: {@code start NAME HANDLER} or {@code end NAME HANDLER ok|retry}. */
    record Run(int process, String kind, String name, String handler, String outcome) {
        String key() {
            return name + "/" + handler;
        }

        boolean isStart() {
            return kind.equals("start");
        }

        boolean isSuccess() {
            return kind.equals("end") && "ok".equals(outcome);
        }
    }

    private final Path folder;

    RunRecords(Path folder) {
        this.folder = folder;
    }

    Path file(int process) {
        return folder.resolve("records-" + process + ".txt");
    }

    /** Every complete line of every process so far, process by process, in order. */
    List<Run> read(int processes) {
        List<Run> runs = new ArrayList<>();
        for (int process = 0; process < processes; process++) {
            Path file = file(process);
            if (!Files.exists(file)) {
                continue;
            }
            String text;
            try {
                text = Files.readString(file, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            int end = text.lastIndexOf('\n');
            if (end < 0) {
                continue;
            }
            for (String line : text.substring(0, end).split("\n")) {
                String[] parts = line.split(" ");
                runs.add(new Run(process, parts[0], parts[1], parts[2],
                        parts.length > 3 ? parts[3] : null));
            }
        }
        return runs;
    }

    /** How many runs have ended so far, over all processes. */
    long ends(int processes) {
        return read(processes).stream().filter(run -> !run.isStart()).count();
    }
}
