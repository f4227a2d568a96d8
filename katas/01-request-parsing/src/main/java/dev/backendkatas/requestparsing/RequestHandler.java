package dev.backendkatas.requestparsing;

/**
 * What the application does with a request: the part a framework lets you write while it hides the rest.
 *
 * <p>Given to you: it is not the lesson.
 */
@FunctionalInterface
public interface RequestHandler {

    /**
     * Answers one request. An exception is answered by the server with 500 and the connection is closed.
     */
    HttpResponse handle(HttpRequest request) throws Exception;
}
