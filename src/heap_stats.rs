//! A diagnosis build's count of the live heap (`cargo xtask build --heap-stats`), read by
//! `browser_bench --leak-hunt` through `window.wasmBindings`. The wasm memory's size moves in
//! 64 KiB pages and never shrinks; this says, to the byte, what a page visit leaves behind, in
//! allocations of which sizes, and (with `ka_heap_watch`) from which call stacks.
//!
//! Never in a build users get: every allocation pays for the count.

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering::Relaxed};

use wasm_bindgen::prelude::*;

/// Sizes counted one by one; larger allocations share the last slot.
const SIZES: usize = 8193;

static LIVE_BYTES: AtomicUsize = AtomicUsize::new(0);
static LIVE_BY_SIZE: [AtomicUsize; SIZES] = [const { AtomicUsize::new(0) }; SIZES];
/// The size whose allocations are reported to the page (`usize::MAX`: all), or 0 for none.
static WATCHED: AtomicUsize = AtomicUsize::new(0);

#[wasm_bindgen]
extern "C" {
    /// Set by the page before it calls `ka_heap_watch`: keeps the allocation's JS stack.
    #[wasm_bindgen(js_namespace = window, js_name = kaHeapAllocated)]
    fn report_allocated(address: usize, size: usize);
    #[wasm_bindgen(js_namespace = window, js_name = kaHeapFreed)]
    fn report_freed(address: usize);
}

struct Counting;

// SAFETY: every call goes to the system allocator unchanged; only counters are added.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let address = unsafe { System.alloc(layout) };
        LIVE_BYTES.fetch_add(layout.size(), Relaxed);
        LIVE_BY_SIZE[layout.size().min(SIZES - 1)].fetch_add(1, Relaxed);
        let watched = WATCHED.load(Relaxed);
        if watched == layout.size() || watched == usize::MAX {
            report_allocated(address as usize, layout.size());
        }
        address
    }

    unsafe fn dealloc(&self, address: *mut u8, layout: Layout) {
        unsafe { System.dealloc(address, layout) };
        LIVE_BYTES.fetch_sub(layout.size(), Relaxed);
        LIVE_BY_SIZE[layout.size().min(SIZES - 1)].fetch_sub(1, Relaxed);
        if WATCHED.load(Relaxed) != 0 {
            report_freed(address as usize);
        }
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

/// Bytes allocated and not freed.
#[wasm_bindgen]
pub fn ka_heap_live() -> usize {
    LIVE_BYTES.load(Relaxed)
}

/// The live allocations by size, as `size:count` pairs joined by commas.
#[wasm_bindgen]
pub fn ka_heap_sizes() -> String {
    let counts: Vec<usize> = LIVE_BY_SIZE.iter().map(|c| c.load(Relaxed)).collect();
    counts
        .iter()
        .enumerate()
        .filter(|(_, count)| **count > 0)
        .map(|(size, count)| format!("{size}:{count}"))
        .collect::<Vec<_>>()
        .join(",")
}

/// Reports every allocation of `size` bytes (`usize::MAX`: of any size; 0: stop) and every
/// free to `window.kaHeapAllocated` / `window.kaHeapFreed`.
#[wasm_bindgen]
pub fn ka_heap_watch(size: usize) {
    WATCHED.store(size, Relaxed);
}
