/**
 * Running experiments on a Slurm cluster: seed shards (and sweep candidates) as one job array whose
 * tasks are ordinary {@code rnnmem run} calls, plus a merge job that depends on the array
 * ({@code afterok}); the batch scripts, their submission with {@code sbatch}, and the state of every
 * task read back from its run directory and from {@code squeue}/{@code sacct}.
 */
package org.rnnmemory.slurm;
