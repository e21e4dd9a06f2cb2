package io.mdw.api.web;

import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpStatusClass;
import io.netty.handler.codec.http.LastHttpContent;

/**
 * The requests read on one HTTP/1.1 connection whose answers have not been written in full, told from the messages
 * that pass a handler after the codec. HTTP/1.1 answers requests in the order they came, so a count is enough.
 */
final class UnansweredRequests {

    private int count;
    /** Whether an answer has begun and not yet ended (a streamed one comes in parts). */
    private boolean answering;

    /** Takes note of a message read. */
    void read(Object msg) {
        if (msg instanceof HttpRequest) {
            count++;
        }
    }

    /** Takes note of a message about to be written, and says whether it ends an answer. */
    boolean written(Object msg) {
        // a 100 Continue is no answer
        if (msg instanceof HttpResponse response && response.status().codeClass() != HttpStatusClass.INFORMATIONAL) {
            answering = true;
        }
        if (msg instanceof LastHttpContent && answering) {
            answering = false;
            count--;
            return true;
        }
        return false;
    }

    int count() {
        return count;
    }

    /** Whether the answer to the oldest unanswered request is being written. */
    boolean answering() {
        return answering;
    }
}
