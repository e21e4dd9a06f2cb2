package io.mdw.api.errors;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.regex.Pattern;

import io.mdw.api.web.Params;
import io.mdw.api.web.SecurityHeaders;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpStatusClass;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.netty.util.ReferenceCountUtil;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import reactor.netty.NettyPipeline;

/**
 * Sits between Netty's HTTP codec and Reactor Netty's request handling on one connection. It remembers each request
 * as it arrives and, when the answer to it is an error with an empty body and no content type (what Reactor Netty
 * sends for a request it refuses after decoding, and Spring's adapter for a URI that does not parse), puts a
 * problem+json body in it that says what was wrong; status and ordering stay Reactor Netty's. A request the codec
 * could not read at all, an HTTP/2 preface or another version but 1.1 and 1.0, a request target that is not a path, a
 * URL or '*', or a request whose body's end cannot be told, it answers itself, before any key is checked, in turn,
 * and then closes the connection; after a body the codec could not read it closes the connection too, and after the
 * answer to a pipelined request that asks for that.
 */
final class UnreadableRequestHandler extends ChannelDuplexHandler {

    static final String NAME = "mdw.unreadableRequestProblems";

    /** The absolute form's start: http or https, then a host that is not empty (RFC 9110, 4.2), with its port. */
    private static final Pattern ABSOLUTE_FORM = Pattern.compile("(?i)https?://[a-z0-9.\\-\\[\\]:]+(?=[/?#]|$)");

    /**
     * A request as the codec read it (Reactor Netty may still refuse it), whether its body failed to decode, and
     * whether the connection closes after its answer.
     */
    private static final class ArrivedRequest {
        final HttpRequest request;
        Throwable bodyFailure;
        boolean closesTheConnection;

        ArrivedRequest(HttpRequest request) {
            this.request = request;
        }
    }

    private record Refusal(HttpResponseStatus status, String detail) {
    }

    private static final byte[] CONTINUE = "HTTP/1.1 100 Continue\r\n\r\n".getBytes(StandardCharsets.US_ASCII);

    private static final Refusal HTTP_1_1_ONLY = new Refusal(HttpResponseStatus.BAD_REQUEST,
            "This server speaks HTTP/1.1 only; send the request as HTTP/1.1");

    private final ProblemResponses problems;
    private final int maxInitialLineLength;
    private final int maxHeaderSize;
    /** Requests not yet answered, oldest first: HTTP/1.1 answers in the order requests came, pipelined or not. */
    private final Deque<ArrivedRequest> awaitingAnswer = new ArrayDeque<>();
    /** A body that failed to decode after its request was already answered; Reactor Netty answers it once more. */
    private Throwable lateBodyFailure;
    /** Whether an answer has begun and not yet ended (a streamed one comes in parts). */
    private boolean answering;
    /** Whether this connection is ending: nothing more is read from it. */
    private boolean closing;
    /** Whether a request after which the connection closes has arrived: nothing after its body is read. */
    private boolean lastRequestArrived;
    /** Whether the connection closes once the answer being written is out. */
    private boolean closeAfterThisAnswer;
    /** A request refused here, to be answered once the answers before it are out. */
    private Refusal heldRefusal;

    UnreadableRequestHandler(ProblemResponses problems, int maxInitialLineLength, int maxHeaderSize) {
        this.problems = problems;
        this.maxInitialLineLength = maxInitialLineLength;
        this.maxHeaderSize = maxHeaderSize;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
        if (closing) {
            // what follows a request that ends the connection is not read
            ReferenceCountUtil.release(msg);
            return;
        }
        Refusal refusal = msg instanceof HttpRequest request ? refusedBeforeReactorNetty(request) : null;
        if (refusal != null) {
            // Reactor Netty answers a request the codec could not read, or an HTTP/2 preface, only when nothing else
            // is in flight on the connection; behind another request it can drop it, and the client waits for ever.
            // So such requests are answered here, once the answers before them are out, and the connection closed.
            heldRefusal = refusal;
            closing = true;
            ReferenceCountUtil.release(msg);
            sendHeldRefusalWhenDue(ctx);
            return;
        }
        if (msg instanceof HttpRequest request) {
            ArrivedRequest arrived = new ArrivedRequest(request);
            if (!HttpUtil.isKeepAlive(request) && (answering || !awaitingAnswer.isEmpty())) {
                // Reactor Netty applies a request's Connection: close to the connection once the request arrives, and
                // so closed it after the answer to the first request still unanswered, losing the answers to those
                // pipelined after. It is shown a kept-alive request, and the connection closed here after this
                // request's answer (RFC 9112, 9.6)
                HttpUtil.setKeepAlive(request, true);
                arrived.closesTheConnection = true;
                lastRequestArrived = true;
            }
            awaitingAnswer.add(arrived);
        } else if (msg instanceof HttpContent content && content.decoderResult().isFailure()) {
            ArrivedRequest current = awaitingAnswer.peekLast();
            if (current != null) {
                current.bodyFailure = content.decoderResult().cause();
            } else {
                lateBodyFailure = content.decoderResult().cause();
            }
        }
        if (lastRequestArrived && msg instanceof LastHttpContent) {
            closing = true;
        }
        super.channelRead(ctx, msg);
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) throws Exception {
        if (msg instanceof HttpResponse response && response.status().equals(HttpResponseStatus.CONTINUE)) {
            // Netty's codec frames each answer it encodes for the oldest request it has not yet answered, and takes a
            // 100 Continue for an answer: the answer after it was framed for the request pipelined behind (no body
            // when that one is a HEAD). Written as bytes below the codec, the 100 leaves its count alone.
            ReferenceCountUtil.release(msg);
            ctx.pipeline().context(NettyPipeline.HttpCodec).write(Unpooled.wrappedBuffer(CONTINUE), promise);
            return;
        }
        Object answer = msg;
        if (msg instanceof HttpResponse response && response.status().codeClass() != HttpStatusClass.INFORMATIONAL) {
            ArrivedRequest answered = awaitingAnswer.poll();
            Throwable bodyFailure = answered == null ? lateBodyFailure : answered.bodyFailure;
            if (msg instanceof FullHttpResponse full) {
                // a body that did not decode reaches Spring as no body: its "no request body" says less than this;
                // Reactor Netty answers some such bodies itself, with a bare error
                boolean bare = isBareError(full);
                Refusal refusal = bodyFailure != null && (bare || full.status().equals(HttpResponseStatus.BAD_REQUEST))
                        ? undecodableBody(bodyFailure)
                        : bare ? explain(full.status(), answered) : null;
                if (refusal != null) {
                    answer = withProblem(full, refusal, answered);
                }
            }
            // the codec reads nothing after a body it could not decode (a later request would wait for ever), and a
            // pipelined request that asked to close the connection is its last
            if (bodyFailure != null || answered != null && answered.closesTheConnection) {
                closing = true;
                closeAfterThisAnswer = true;
                ((HttpResponse) answer).headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
            }
        }
        if (msg instanceof LastHttpContent && closeAfterThisAnswer) {
            closeAfterThisAnswer = false;
            promise = promise.unvoid();
            promise.addListener(ChannelFutureListener.CLOSE);
        }
        super.write(ctx, answer, promise);
        if (msg instanceof HttpResponse && !(msg instanceof LastHttpContent)) {
            answering = true;
        } else if (msg instanceof LastHttpContent) {
            answering = false;
            sendHeldRefusalWhenDue(ctx);
        }
    }

    /** Sends the held refusal and closes the connection, once every request before it has been answered in full. */
    private void sendHeldRefusalWhenDue(ChannelHandlerContext ctx) {
        if (heldRefusal == null || answering || !awaitingAnswer.isEmpty()) {
            return;
        }
        FullHttpResponse response = withProblem(new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, heldRefusal.status()),
                heldRefusal, null);
        response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        heldRefusal = null;
        ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
    }

    /** What this handler answers itself, or null for a request that goes on to Reactor Netty. */
    private Refusal refusedBeforeReactorNetty(HttpRequest request) {
        if (request.decoderResult().isFailure()) {
            return undecodable(request.decoderResult().cause());
        }
        HttpVersion version = request.protocolVersion();
        if (version.majorVersion() == 2) {
            return HTTP_1_1_ONLY;
        }
        // Reactor Netty answered HTTP/9.9 as 1.1, with its version in the status line (RFC 9110, 15.6.6)
        if (!HttpVersion.HTTP_1_1.equals(version) && !HttpVersion.HTTP_1_0.equals(version)) {
            return new Refusal(HttpResponseStatus.HTTP_VERSION_NOT_SUPPORTED, "This server speaks HTTP/1.1 (and 1.0);"
                    + " send the request as HTTP/1.1, not " + quote(version.text()));
        }
        // a path, a URL or '*' (RFC 9112, 3.2): Reactor Netty took evil.example/api/v1/status, or a%00b/api/v1/status,
        // for the path after its first slash, past every check of the path as sent
        String target = request.uri();
        if (!target.startsWith("/") && !target.equals("*") && !ABSOLUTE_FORM.matcher(target).lookingAt()) {
            return new Refusal(HttpResponseStatus.BAD_REQUEST, "The request target '" + quote(target) + "' is not a"
                    + " path; send it as the API lists it, starting with '/', such as /api/v1/historical/AAPL");
        }
        // Netty frames a body whose codings do not end in chunked by its Content-Length, or as none, and reads what
        // follows as the next request; and it decodes no coding but chunked (gzip, chunked was read as plain)
        if (!request.headers().contains(HttpHeaderNames.TRANSFER_ENCODING)) {
            return null;
        }
        String codings = String.join(", ", request.headers().getAll(HttpHeaderNames.TRANSFER_ENCODING));
        if (!HttpHeaderValues.CHUNKED.contentEqualsIgnoreCase(codings.trim())) {
            return new Refusal(HttpResponseStatus.BAD_REQUEST, "The request's Transfer-Encoding '" + quote(codings)
                    + "' is not chunked alone: this server decodes no other transfer coding, and without chunked last"
                    + " where the body ends cannot be told (RFC 9112, 6.3); send the body with a Content-Length and no"
                    + " Transfer-Encoding, or with Transfer-Encoding: chunked alone");
        }
        return null;
    }

    private static boolean isBareError(FullHttpResponse response) {
        return response.status().code() >= 400 && response.content().readableBytes() == 0
                && !response.headers().contains(HttpHeaderNames.CONTENT_TYPE);
    }

    /** Why a request without a body failure got a bare error, or null when this cannot tell. */
    private Refusal explain(HttpResponseStatus status, ArrivedRequest answered) {
        if (answered == null) {
            return null;
        }
        if (answered.request.decoderResult().isFailure()) {
            return refusedAfterDecoding(answered.request);
        }
        if (status.equals(HttpResponseStatus.BAD_REQUEST)) {
            String uriProblem = uriProblem(answered.request.uri());
            return uriProblem == null ? null : new Refusal(HttpResponseStatus.BAD_REQUEST, uriProblem);
        }
        return null;
    }

    /** Netty's codec could not read the request's chunked body: Reactor Netty's status for it is the request head's. */
    private Refusal undecodableBody(Throwable failure) {
        Throwable cause = unwrap(failure);
        if (cause instanceof TooLongHttpLineException) {
            return new Refusal(HttpResponseStatus.BAD_REQUEST, "A chunk-size line of the request body is longer than"
                    + " this server's limit of " + ProblemResponses.size(maxInitialLineLength)
                    + "; send the chunks without chunk extensions");
        }
        if (cause instanceof TooLongHttpHeaderException) {
            return new Refusal(HttpResponseStatus.REQUEST_HEADER_FIELDS_TOO_LARGE, "The request body's trailer fields"
                    + " exceed this server's limit of " + ProblemResponses.size(maxHeaderSize)
                    + " in total; send fewer or shorter trailer fields");
        }
        // the codec fails a chunk size with a character that is not a hexadecimal digit with "Invalid character in
        // chunk size", or, when that character is beyond ASCII, with an index out of bounds: neither says which rule
        boolean notHexadecimal = cause instanceof IndexOutOfBoundsException || cause instanceof NumberFormatException
                && String.valueOf(cause.getMessage()).startsWith("Invalid character in chunk size");
        String problem = notHexadecimal ? "a chunk size is not a hexadecimal number" : quote(cause);
        return new Refusal(HttpResponseStatus.BAD_REQUEST, "The request body's chunked transfer coding is not valid ("
                + problem + "); send the body with a Content-Length, or as valid chunks");
    }

    /** Netty's codec could not read the request line or headers. */
    private Refusal undecodable(Throwable failure) {
        Throwable cause = unwrap(failure);
        if (cause instanceof TooLongHttpLineException) {
            return new Refusal(HttpResponseStatus.REQUEST_URI_TOO_LONG, "The request line (method, URI and version) is"
                    + " longer than this server's limit of " + ProblemResponses.size(maxInitialLineLength)
                    + "; shorten the URI, e.g. fewer or shorter query parameters, or split the request");
        }
        if (cause instanceof TooLongHttpHeaderException) {
            return new Refusal(HttpResponseStatus.REQUEST_HEADER_FIELDS_TOO_LARGE, "Request headers exceed this server's"
                    + " limit of " + ProblemResponses.size(maxHeaderSize) + " in total; send fewer or shorter headers");
        }
        // Java's parse error ('For input string: "99999999999999999999"') says less than the codec's around it
        String reason = quote(cause instanceof NumberFormatException && cause != failure ? failure : cause);
        return new Refusal(HttpResponseStatus.BAD_REQUEST, "The request is not valid HTTP/1.1 (" + reason
                + "); send a request line 'METHOD /path HTTP/1.1' (spaces in the path or query encoded as %20)"
                + " and 'Name: value' headers, each line ending in CR LF");
    }

    /**
     * The codec read the request, and Reactor Netty then refused it: what it parses of a request before handing it on
     * is the Host header. Quoted rather than Java's parse error of its port ('For input string: "abc"').
     */
    private static Refusal refusedAfterDecoding(HttpRequest request) {
        return new Refusal(HttpResponseStatus.BAD_REQUEST, "The Host header '"
                + quote(String.valueOf(request.headers().get(HttpHeaderNames.HOST))) + "' is not valid; send the"
                + " server's name (an IPv6 address in brackets), optionally followed by ':' and a port number");
    }

    /** Why Spring's adapter could not build a URI from the request target, or null if it can. */
    private static String uriProblem(String target) {
        try {
            new URI(target);
            return null;
        } catch (URISyntaxException invalid) {
            int at = invalid.getIndex();
            if (invalid.getReason().startsWith("Malformed escape pair")) {
                return "The request URI has invalid percent-encoding at character " + (at + 1) + " ('"
                        + target.substring(at, Math.min(target.length(), at + 3)) + "'): '%' must be followed by two"
                        + " hexadecimal digits; send a literal '%' as %25";
            }
            if (at >= 0 && at < target.length()) {
                char illegal = target.charAt(at);
                String shown = Character.isISOControl(illegal) ? "control character" : "'" + illegal + "'";
                return "The request URI has a character that must be percent-encoded at character " + (at + 1) + ": "
                        + shown + "; send it as %" + "%02X".formatted((int) illegal);
            }
            return "The request URI is not valid: " + invalid.getReason();
        }
    }

    private FullHttpResponse withProblem(FullHttpResponse bare, Refusal refusal, ArrivedRequest answered) {
        byte[] body = problems.body(HttpStatusCode.valueOf(refusal.status().code()), refusal.detail(), null, Map.of());
        boolean head = answered != null && HttpMethod.HEAD.equals(answered.request.method());
        FullHttpResponse explained = bare.replace(head ? Unpooled.EMPTY_BUFFER : Unpooled.wrappedBuffer(body));
        bare.release();
        explained.setStatus(refusal.status());
        // a HEAD answer gets the headers a GET would, and no body
        explained.headers().remove(HttpHeaderNames.TRANSFER_ENCODING);
        SecurityHeaders.VALUES.forEach(explained.headers()::set);
        explained.headers().set(HttpHeaderNames.CONTENT_TYPE, MediaType.APPLICATION_PROBLEM_JSON_VALUE)
                .setInt(HttpHeaderNames.CONTENT_LENGTH, body.length);
        return explained;
    }

    /** Reactor Netty judges a failure by its cause when it has one; so does this. */
    private static Throwable unwrap(Throwable failure) {
        return failure.getCause() != null ? failure.getCause() : failure;
    }

    private static String quote(Throwable cause) {
        return quote(cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage());
    }

    private static String quote(String text) {
        return Params.abbreviate(text, ProblemResponses.QUOTED_LENGTH);
    }
}
