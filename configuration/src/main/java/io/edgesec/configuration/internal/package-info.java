/** Maps twin-shaped configuration (Azure keys and edgesec sections) onto ConfigAdmin, validated against the metatype. */
package io.edgesec.configuration.internal;
