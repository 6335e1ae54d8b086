/** IoT Edge deployment manifest model, rule catalogue and recommendations; SARIF for CI. */
package io.edgesec.manifest.internal;
