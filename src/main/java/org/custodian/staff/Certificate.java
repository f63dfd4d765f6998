package org.custodian.staff;

/** An uploaded certificate of completion: a PDF, PNG or JPEG, checked by its content, not its name. */
public record Certificate(String fileName, String contentType, byte[] content) {
}
