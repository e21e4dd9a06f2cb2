package io.mdw.batch.cli;

/** A load from Polygon run in the foreground needs the key before it starts, not after a failed first request. */
final class PolygonKey {

    private PolygonKey() {
    }

    /** @param alternative what else the user can do, appended to the message */
    static void require(String alternative) {
        String key = System.getenv("POLYGON_API_KEY");
        if (key == null || key.isBlank()) {
            throw new IllegalArgumentException("POLYGON_API_KEY is not set: export your Polygon API key" + alternative);
        }
    }
}
