package io.edgesec.support;

/**
 * The arguments of an offline command (edgesec replay, baseline, analyze), read one at a time in
 * the order given: one loop for every command, so that {@code --help}, an option's value and a
 * missing value are read the same way. {@code --help} (or {@code -h}) shows the usage and ends the
 * reading, as if it were the last argument; what the other arguments mean, and what a command
 * says about a wrong one, stays with the command.
 *
 * <pre>{@code
 * CommandArgs arguments = new CommandArgs(args, () -> out.println(USAGE));
 * for (String a = arguments.next(); a != null; a = arguments.next()) {
 *     switch (a) { case "--root" -> root = arguments.value(); ... }
 * }
 * if (arguments.helpShown()) {
 *     return 0;
 * }
 * }</pre>
 */
public final class CommandArgs {
    private final String[] args;
    private final Runnable help;
    private int next;
    private boolean helpShown;

    /** @param help shows the command's usage (on its standard output) */
    public CommandArgs(String[] args, Runnable help) {
        this.args = args.clone();
        this.help = help;
    }

    /** @return the next argument, or null after the last one or after {@code --help} (then {@link #helpShown()}) */
    public String next() {
        if (helpShown || next >= args.length) {
            return null;
        }
        String a = args[next++];
        if (a.equals("--help") || a.equals("-h")) {
            help.run();
            helpShown = true;
            return null;
        }
        return a;
    }

    /**
     * The value of the option just read: the argument after it, whatever it looks like (a file
     * may be called {@code --help}).
     *
     * @return that argument, or null when the option was the last one
     */
    public String value() {
        return next < args.length ? args[next++] : null;
    }

    /** @return whether {@code --help} ended the reading: the command has nothing more to do */
    public boolean helpShown() {
        return helpShown;
    }
}
