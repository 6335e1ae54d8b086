/** Docker engine collector: container inventory, effective settings, container events. */
package io.edgesec.collector.docker.internal;
