package io.crmkit.messaging;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/** The server side of the SMTP wire format, for the scripted servers in these tests. */
final class SmtpWire {
    private SmtpWire() {
    }

    /** Writes a reply (lines separated by CRLF) and its final CRLF, and flushes. */
    static void say(OutputStream out, String reply) throws IOException {
        out.write((reply + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }
}
