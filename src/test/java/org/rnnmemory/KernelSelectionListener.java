package org.rnnmemory;

import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;
import org.rnnmemory.io.BlasKernel;

/**
 * Chooses the OpenBLAS kernel before any test loads ND4J, as every {@code rnnmem} command does, so
 * the tests compute with the kernel users get (or with the user's {@code OPENBLAS_CORETYPE}).
 * Registered in {@code META-INF/services/org.junit.platform.launcher.LauncherSessionListener}.
 */
public final class KernelSelectionListener implements LauncherSessionListener {
    @Override
    public void launcherSessionOpened(LauncherSession session) {
        BlasKernel.select();
    }
}
