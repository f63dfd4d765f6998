package org.custodian.interop.internal.hl7;

import java.util.List;

/** What the interface page shows. */
public record InterfaceMessagesView(String status, String problem, List<ReceivedMessage> messages, long total,
                                    int pageNumber, int pageCount) {

    public String pageQuery(int page) {
        return "?page=" + page + (status == null ? "" : "&status=" + status);
    }
}
