// An import's writes (the dataset and the review queue) share one transaction: a failure leaves neither behind.
import { describe, expect, it } from "vitest";
import type { EmbeddedStore } from "../../src/store/embedded-store.ts";
import { enqueueReviews } from "../../src/store/review-queue.ts";
import { inStoreTransaction } from "../../src/store/store-transaction.ts";
import { seededStore } from "./ingest-helpers.ts";

describe("inStoreTransaction", () => {
  it("rolls back the dataset and the queue together when a later step fails", async () => {
    const { store } = await seededStore();
    const before = {
      history: (await store.history()).length,
      firms: (await store.loadDataset()).firms.length,
    };
    await expect(
      inStoreTransaction(store, async () => {
        const ds = await store.loadDataset();
        await store.replaceDataset({ ...ds, firms: ds.firms.slice(1) }, { who: "t", why: "doomed" });
        enqueueReviews((store as EmbeddedStore).db, [
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
    expect(await store.reviewItems()).toEqual([]);
    // And a successful run commits both.
    await inStoreTransaction(store, async () => {
      enqueueReviews((store as EmbeddedStore).db, [
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
    expect(await store.reviewItems()).toHaveLength(1);
    expect(
      enqueueReviews((store as EmbeddedStore).db, [
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
