import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { startPeriodicTask } from "./periodic-task.js";

describe("startPeriodicTask", () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it("runs first after one interval, then once per interval", async () => {
    const run = vi.fn(() => Promise.resolve());
    const task = startPeriodicTask(run, { intervalMs: 1000, onError: () => undefined });
    await vi.advanceTimersByTimeAsync(999);
    expect(run).toHaveBeenCalledTimes(0);
    await vi.advanceTimersByTimeAsync(1);
    expect(run).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(2000);
    expect(run).toHaveBeenCalledTimes(3);
    await task.stop();
  });

  it("never overlaps runs: the next interval starts when a slow run ends", async () => {
    let finishRun: () => void = () => undefined;
    const run = vi.fn(() => new Promise<void>((resolve) => (finishRun = resolve)));
    const task = startPeriodicTask(run, { intervalMs: 1000, onError: () => undefined });
    await vi.advanceTimersByTimeAsync(1000);
    await vi.advanceTimersByTimeAsync(5000);
    expect(run).toHaveBeenCalledTimes(1);
    finishRun();
    await vi.advanceTimersByTimeAsync(999);
    expect(run).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(run).toHaveBeenCalledTimes(2);
    finishRun();
    await task.stop();
  });

  it("reports a failed run and keeps the schedule", async () => {
    const failure = new Error("database unavailable");
    const run = vi.fn().mockRejectedValueOnce(failure).mockResolvedValue(undefined);
    const onError = vi.fn();
    const task = startPeriodicTask(run, { intervalMs: 1000, onError });
    await vi.advanceTimersByTimeAsync(1000);
    expect(onError).toHaveBeenCalledWith(failure);
    await vi.advanceTimersByTimeAsync(1000);
    expect(run).toHaveBeenCalledTimes(2);
    expect(onError).toHaveBeenCalledTimes(1);
    await task.stop();
  });

  it("stop() waits for the run in progress and no run starts afterwards", async () => {
    let finishRun: () => void = () => undefined;
    const run = vi.fn(() => new Promise<void>((resolve) => (finishRun = resolve)));
    const task = startPeriodicTask(run, { intervalMs: 1000, onError: () => undefined });
    await vi.advanceTimersByTimeAsync(1000);
    let stopped = false;
    const stopping = task.stop().then(() => (stopped = true));
    await vi.advanceTimersByTimeAsync(0);
    expect(stopped).toBe(false);
    finishRun();
    await stopping;
    expect(stopped).toBe(true);
    await vi.advanceTimersByTimeAsync(10_000);
    expect(run).toHaveBeenCalledTimes(1);
  });

  it("stop() before the first run means no run at all", async () => {
    const run = vi.fn(() => Promise.resolve());
    const task = startPeriodicTask(run, { intervalMs: 1000, onError: () => undefined });
    await task.stop();
    await vi.advanceTimersByTimeAsync(5000);
    expect(run).not.toHaveBeenCalled();
  });
});
