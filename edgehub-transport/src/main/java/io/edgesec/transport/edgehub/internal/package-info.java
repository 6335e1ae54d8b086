/**
 * The IoT Edge hub transport (Azure IoT device SDK, embedded), the module twin to ConfigAdmin
 * bridge and the twin-driven bundle reconciler.
 */
package io.edgesec.transport.edgehub.internal;
