package io.mdw.pipeline;

/** What a bar whose time falls outside the requested window is: it depends on whether the source was asked for it. */
public enum OutsideWindow {

    /**
     * The provider is asked for the window only, so a bar outside it is not what was asked for: a fault of the feed,
     * kept as a reject where the operator sees it (the brief's reject rules), and not stored over bars that another
     * load of that window owns.
     */
    REJECTED,

    /**
     * A file holds what it holds and the window picks which of its bars to load: the others are no fault of the data,
     * so they are left out, neither stored nor kept as rejects nor counted in the daily quality.
     */
    SKIPPED
}
