package io.crmkit.jdbc.internal.sql;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * Rows into a PostgreSQL table through {@code COPY ... FROM STDIN} (pgjdbc's {@code CopyManager}), in the text
 * format, streamed in pieces of about {@value #FLUSH_CHARS} characters so that the server parses one piece while
 * the next is written. A class of its own so that the driver's classes load only on PostgreSQL.
 */
final class PostgresCopy {
    private static final int FLUSH_CHARS = 64 * 1024;

    private PostgresCopy() {
    }

    /** Copies {@code rows} into {@code target}, {@code "table (columns)"}, in the unit of work's transaction. */
    static void copy(Connection connection, String target, List<List<Param>> rows) throws SQLException {
        CopyIn in = connection.unwrap(PGConnection.class).getCopyAPI().copyIn("COPY " + target + " FROM STDIN");
        try {
            StringBuilder text = new StringBuilder(FLUSH_CHARS + 1024);
            for (List<Param> row : rows) {
                for (int i = 0; i < row.size(); i++) {
                    if (i > 0) {
                        text.append('\t');
                    }
                    row.get(i).appendCopyText(text);
                }
                text.append('\n');
                if (text.length() >= FLUSH_CHARS) {
                    write(in, text);
                }
            }
            write(in, text);
            in.endCopy();
        } finally {
            if (in.isActive()) {
                in.cancelCopy();
            }
        }
    }

    private static void write(CopyIn in, StringBuilder text) throws SQLException {
        byte[] bytes = text.toString().getBytes(StandardCharsets.UTF_8);
        in.writeToCopy(bytes, 0, bytes.length);
        text.setLength(0);
    }
}
