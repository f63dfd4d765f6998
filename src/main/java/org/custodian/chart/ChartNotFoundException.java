package org.custodian.chart;

import org.springframework.http.HttpStatus;
import org.springframework.web.ErrorResponseException;

public class ChartNotFoundException extends ErrorResponseException {
    public ChartNotFoundException(String what, long id) {
        super(HttpStatus.NOT_FOUND);
        getBody().setTitle(what + " not found");
        getBody().setDetail("No " + what.toLowerCase() + " has id " + id + ".");
    }
}
