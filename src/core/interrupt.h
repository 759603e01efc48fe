// Undo work that must not outlive an interrupted run: on SIGINT or SIGTERM the registered
// actions (removing a temporary file or directory) run before the process exits.
#pragma once

#include <cstdint>
#include <functional>

namespace relsynth {

// Starts a thread that waits for SIGINT/SIGTERM (blocked in every thread created after this
// call), runs every registered action, says so on stderr and exits 130 (SIGINT) or 143
// (SIGTERM). Call once, first thing in main(); without it, signals act as by default.
void handle_interrupts();

// Registers an action; returns its id for forget_on_interrupt.
uint64_t on_interrupt(std::function<void()> undo);
void forget_on_interrupt(uint64_t id);

// Runs `critical` so that no interrupt action runs meanwhile (a commit's rename either happens
// whole before the cleanup, or not at all).
void uninterrupted(const std::function<void()>& critical);

}  // namespace relsynth
