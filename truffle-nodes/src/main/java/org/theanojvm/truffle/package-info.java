/**
 * The default CPU executor: a compiled graph becomes a Truffle AST that the Graal JIT partially
 * evaluates into machine code (issue "default CPU executor"). Empty until that lands; the engine's
 * reference executor runs every function meanwhile.
 */
package org.theanojvm.truffle;
