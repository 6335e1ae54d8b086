/** Integration tests only; no main code. */
package io.edgesec.itest;
