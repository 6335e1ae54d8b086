/** Linux audit collector: ProcessCreate, ConnectionCreate, Login and account changes from audit records. */
package io.edgesec.collector.audit.internal;
