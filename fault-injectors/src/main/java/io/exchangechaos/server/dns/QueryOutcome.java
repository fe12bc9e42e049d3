package io.exchangechaos.server.dns;

/**
 * What a client got. NOERROR is split into ANSWER and NODATA because an empty NOERROR is a
 * fault of its own (the AWS empty record) and a report must tell them apart.
 */
public enum QueryOutcome {
    ANSWER("NOERROR"),
    NODATA("NOERROR"),
    NXDOMAIN("NXDOMAIN"),
    SERVFAIL("SERVFAIL"),
    REFUSED("REFUSED"),
    FORMERR("FORMERR"),
    NOTIMP("NOTIMP"),
    /** No reply was sent. */
    DROPPED(null);

    private final String rcode;

    QueryOutcome(String rcode) {
        this.rcode = rcode;
    }

    /** The DNS response code sent, or null when nothing was sent. */
    public String rcode() {
        return rcode;
    }
}
