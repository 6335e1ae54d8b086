/** Private to the detector bundle; JDK and agent-api only (offline commands load it without OSGi). */
package io.edgesec.detector.internal.rules;
