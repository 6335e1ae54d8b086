/** Local file transport: one security message per JSON line. */
package io.edgesec.transport.file.internal;
