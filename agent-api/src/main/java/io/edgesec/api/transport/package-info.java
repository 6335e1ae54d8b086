/** The transport SPI: where built security messages go (IoT Edge hub, local file, ...). */
@org.osgi.annotation.versioning.Version("1.1.0")
@org.osgi.annotation.bundle.Export
package io.edgesec.api.transport;
