/**
 * The GPU executor for {@code device=cuda}: cuBLAS and NVRTC-compiled kernels. Empty until the CUDA
 * issue lands; without it {@code device=cuda} reports that no GPU executor is available.
 */
package org.theanojvm.cuda;
