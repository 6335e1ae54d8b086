/**
 * The IoT Edge hub transport (Azure IoT device SDK, embedded), the module twin to ConfigAdmin
 * bridge (the twin's bundles section goes to the bundle-manager bundle's service).
 */
package io.edgesec.transport.edgehub.internal;
