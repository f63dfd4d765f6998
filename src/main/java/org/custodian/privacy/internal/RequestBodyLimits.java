package org.custodian.privacy.internal;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.util.unit.DataSize;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The largest request body each API endpoint takes (issue 22, finding 5): JSON bodies of the API
 * {@code custodian.api.max-body} (1 MB), a FHIR transaction import ({@code POST /fhir/r4})
 * {@code custodian.api.max-body-fhir-import}, a CE activity with its certificate in base64
 * {@code custodian.api.max-body-certificate}, a multipart upload the servlet's multipart limit. A declared length over the limit is refused before the body is read
 * ({@link PermissionBeforeBody}, after authorization); a body without a declared length is cut
 * off at the limit while it is read.
 */
@Component
class RequestBodyLimits {

    private final DataSize json;
    private final DataSize fhirImport;
    private final DataSize multipart;
    private final DataSize certificate;

    RequestBodyLimits(ApiSettings api, ApiSettings.Multipart multipart) {
        this.json = api.maxBody();
        this.fhirImport = api.maxBodyFhirImport();
        this.multipart = multipart.maxRequestSize();
        this.certificate = api.maxBodyCertificate();
    }

    /** The limit of this request's body, or null where none applies here (the UI's forms have the container's). */
    DataSize limitFor(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        boolean api = path.startsWith("/api/");
        boolean fhir = path.startsWith("/fhir/");
        if (!api && !fhir) {
            return null;
        }
        String type = request.getContentType();
        if (type != null && type.toLowerCase(java.util.Locale.ROOT).startsWith("multipart/")) {
            return multipart;
        }
        if (fhir && "POST".equals(request.getMethod()) && (path.equals("/fhir/r4") || path.equals("/fhir/r4/"))) {
            return fhirImport;
        }
        // A CE activity carries its certificate (up to custodian.staff.certificate-max-bytes) in base64.
        if ("POST".equals(request.getMethod()) && path.equals("/api/credentials/mine/activities")) {
            return certificate;
        }
        return json;
    }

    static String message(DataSize limit) {
        return "request body: larger than the " + human(limit) + " this endpoint accepts";
    }

    private static String human(DataSize size) {
        long bytes = size.toBytes();
        return bytes % (1024 * 1024) == 0 ? bytes / (1024 * 1024) + " MB" : bytes % 1024 == 0 ? bytes / 1024 + " KB" : bytes + " bytes";
    }

    /** Cuts a body off at its limit while it is read, and answers 413 when that happened. */
    OncePerRequestFilter streamFilter() {
        return new OncePerRequestFilter() {
            @Override
            protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                    throws ServletException, IOException {
                DataSize limit = limitFor(request);
                if (limit == null || request.getContentLengthLong() >= 0) {
                    chain.doFilter(request, response); // a declared length is checked after authorization
                    return;
                }
                Limited limited = new Limited(request, limit.toBytes());
                try {
                    chain.doFilter(limited, response);
                } catch (ServletException | RuntimeException e) {
                    if (!limited.exceeded || response.isCommitted()) {
                        throw e;
                    }
                }
                if (limited.exceeded && !response.isCommitted()) {
                    response.resetBuffer();
                    response.setStatus(HttpStatus.CONTENT_TOO_LARGE.value());
                    response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
                    response.getWriter().write("{\"type\":\"about:blank\",\"title\":\"Content Too Large\",\"status\":413,\"detail\":\""
                            + message(limit) + "\"}");
                }
            }
        };
    }

    private static final class Limited extends HttpServletRequestWrapper {
        private final long limit;
        private boolean exceeded;
        private ServletInputStream stream;

        Limited(HttpServletRequest request, long limit) {
            super(request);
            this.limit = limit;
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            if (stream == null) {
                ServletInputStream in = super.getInputStream();
                stream = new ServletInputStream() {
                    long read;

                    private void count(long n) throws IOException {
                        read += n;
                        if (read > limit) {
                            exceeded = true;
                            throw new IOException("request body larger than " + limit + " bytes");
                        }
                    }

                    @Override
                    public int read() throws IOException {
                        int b = in.read();
                        if (b >= 0) {
                            count(1);
                        }
                        return b;
                    }

                    @Override
                    public int read(byte[] b, int off, int len) throws IOException {
                        int n = in.read(b, off, len);
                        if (n > 0) {
                            count(n);
                        }
                        return n;
                    }

                    @Override
                    public boolean isFinished() {
                        return in.isFinished();
                    }

                    @Override
                    public boolean isReady() {
                        return in.isReady();
                    }

                    @Override
                    public void setReadListener(ReadListener listener) {
                        in.setReadListener(listener);
                    }
                };
            }
            return stream;
        }
    }
}
