package org.custodian.chart.internal;

import org.springframework.http.HttpStatus;
import org.springframework.web.ErrorResponseException;

/** A 409 problem: the request is valid but the record's state forbids it. The detail carries no PHI. */
final class ChartConflict {

    private ChartConflict() {
    }

    static ErrorResponseException of(String title, String detail) {
        ErrorResponseException e = new ErrorResponseException(HttpStatus.CONFLICT);
        e.getBody().setTitle(title);
        e.getBody().setDetail(detail);
        return e;
    }
}
