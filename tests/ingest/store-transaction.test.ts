// An import's writes (the dataset and the review queue) share one transaction: a failure leaves neither behind.
import { describe, expect, it } from "vitest";
import { ReviewQueue } from "../../src/store/review-queue.ts";
import { inStoreTransaction } from "../../src/store/store-transaction.ts";
import { seededStore } from "./ingest-helpers.ts";

describe("inStoreTransaction", () => {
  it("rolls back the dataset and the queue together when a later step fails", async () => {
    const { store } = await seededStore();
    const queue = new ReviewQueue(store);
    const before = {
      history: (await store.history()).length,
      firms: (await store.loadDataset()).firms.length,
    };
    await expect(
      inStoreTransaction(store, async () => {
        const ds = await store.loadDataset();
        await store.replaceDataset({ ...ds, firms: ds.firms.slice(1) }, { who: "t", why: "doomed" });
        queue.enqueue([
          {
            file: "x.csv",
            row: 2,
            name: "x",
            candidate: "tongkun",
            score: 0.8,
            reason: "r",
            key: "k",
            payload: {},
          },
        ]);
        throw new Error("validation failed after the write");
      }),
    ).rejects.toThrow("validation failed");
    expect((await store.history()).length).toBe(before.history);
    expect((await store.loadDataset()).firms.length).toBe(before.firms);
    expect(queue.list()).toEqual([]);
    // And a successful run commits both.
    await inStoreTransaction(store, async () => {
      queue.enqueue([
        {
          file: "x.csv",
          row: 2,
          name: "x",
          candidate: "tongkun",
          score: 0.8,
          reason: "r",
          key: "k",
          payload: {},
        },
      ]);
    });
    expect(queue.list()).toHaveLength(1);
    expect(
      queue.enqueue([
        {
          file: "x.csv",
          row: 2,
          name: "x",
          candidate: "tongkun",
          score: 0.8,
          reason: "r",
          key: "k",
          payload: {},
        },
      ]),
    ).toBe(0);
    await store.close();
  });
});
