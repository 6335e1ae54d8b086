package io.edgesec.manifest.internal.model;

/**
 * Where a finding is.
 *
 * @param pointer        JSON pointer of the manifest node that holds the problem (for a
 *                       stringified createOptions: the chunk key, e.g. {@code .../createOptions02})
 * @param logicalPointer one contiguous pointer: the manifest pointer of createOptions followed by
 *                       the pointer inside the parsed options (equal to {@code pointer} elsewhere)
 * @param optionsPointer the pointer inside the parsed createOptions, or null
 * @param chunk          the createOptions chunk key holding it, or null
 * @param line           1-based line in the manifest file
 * @param column         1-based column (UTF-16 code units)
 * @param endLine        end line (inclusive)
 * @param endColumn      end column (exclusive)
 */
public record Location(String pointer, String logicalPointer, String optionsPointer, String chunk,
                       int line, int column, int endLine, int endColumn) {
}
