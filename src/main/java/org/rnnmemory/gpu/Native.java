package org.rnnmemory.gpu;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;
import java.nio.file.Path;

/** One loaded shared library and the downcall handles of its functions. */
final class Native {
    static final Linker LINKER = Linker.nativeLinker();
    /** Every CUDA library stays loaded for the life of the process. */
    private static final Arena LIBRARIES = Arena.global();

    private final SymbolLookup lookup;
    private final String name;

    private Native(SymbolLookup lookup, String name) {
        this.lookup = lookup;
        this.name = name;
    }

    /** Loads the library at {@code path}. */
    static Native load(Path path) {
        try {
            return new Native(SymbolLookup.libraryLookup(path, LIBRARIES), path.toString());
        } catch (IllegalArgumentException e) {
            throw new CudaUnavailableException("cannot load " + path + ": " + oneLine(e.getMessage()), e);
        }
    }

    /** Loads a library by name through the system loader's own search. */
    static Native loadByName(String library) {
        try {
            return new Native(SymbolLookup.libraryLookup(library, LIBRARIES), library);
        } catch (IllegalArgumentException e) {
            throw new CudaUnavailableException("cannot load " + library + ": " + oneLine(e.getMessage()), e);
        }
    }

    /** A function of the library, or an error naming the library and the symbol. */
    MethodHandle function(String symbol, FunctionDescriptor descriptor) {
        MemorySegment address = lookup.find(symbol).orElseThrow(
                () -> new CudaUnavailableException(name + " has no function " + symbol + " (wrong library version?)"));
        return LINKER.downcallHandle(address, descriptor);
    }

    /** Whether the library exports {@code symbol}. */
    boolean has(String symbol) {
        return lookup.find(symbol).isPresent();
    }

    String name() {
        return name;
    }

    /** int f(args...): the usual shape of a CUDA call returning a status. */
    static FunctionDescriptor status(java.lang.foreign.MemoryLayout... args) {
        return FunctionDescriptor.of(JAVA_INT, args);
    }

    /** A NUL-terminated C string at {@code address}, or "?" for NULL. */
    static String string(MemorySegment address) {
        if (address == null || address.equals(MemorySegment.NULL)) {
            return "?";
        }
        return address.reinterpret(4096).getString(0);
    }

    /** The pointer stored at the start of {@code cell} (an out-parameter). */
    static MemorySegment pointer(MemorySegment cell) {
        return cell.get(ADDRESS, 0);
    }

    static String oneLine(String s) {
        return s == null ? "" : s.replaceAll("\\s+", " ").trim();
    }
}
