package woocommerce

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestBatchPerItemErrorsFromRealResponse(t *testing.T) {
	t.Parallel()
	f := loadFixture(t, "product-batch.http")
	rec := newRecorder(t, func(w http.ResponseWriter, _ *http.Request, _ int) { f.serve(w) })
	res, err := rec.client(t).Products.Batch(context.Background(), BatchRequest[ProductRequest]{
		Create: []ProductRequest{{Name: "Batch A", RegularPrice: MustDecimal("1")}, {Name: "Batch B", SKU: Ptr("RW-HOODIE")}},
		Update: []BatchUpdate[ProductRequest]{{ID: 12, Request: ProductRequest{SalePrice: Ptr(MustDecimal("39"))}}},
		Delete: []int64{999999},
	})
	require.NoError(t, err, "the call succeeded even though items failed")
	require.Len(t, res.Create, 2)
	require.Len(t, res.Update, 1)
	require.Len(t, res.Delete, 1)

	assert.Nil(t, res.Create[0].Err)
	require.NotNil(t, res.Create[0].Item)
	assert.Equal(t, int64(24), res.Create[0].ID)
	assert.Equal(t, "Batch A", res.Create[0].Item.Name)

	failed := res.Create[1]
	assert.Nil(t, failed.Item)
	assert.Equal(t, int64(0), failed.ID)
	require.NotNil(t, failed.Err)
	assert.Equal(t, 400, failed.Err.StatusCode)
	assert.Equal(t, "product_invalid_sku", failed.Err.Code)
	assert.Equal(t, int64(12), failed.Err.Data.ResourceID)
	assert.ErrorIs(t, failed.Err, ErrBadRequest)

	assert.Equal(t, int64(12), res.Update[0].ID)
	assert.Equal(t, "39", res.Update[0].Item.SalePrice.String())

	assert.ErrorIs(t, res.Delete[0].Err, ErrNotFound)
	assert.Equal(t, int64(999999), res.Delete[0].ID)

	assert.Equal(t, 2, res.Failed())
	joined := res.Err()
	require.Error(t, joined)
	assert.ErrorIs(t, joined, ErrNotFound)
	assert.Contains(t, joined.Error(), "create[1]: HTTP 400 product_invalid_sku: Invalid or duplicated SKU.")
	assert.Contains(t, joined.Error(), "delete[0] id 999999: HTTP 404 woocommerce_rest_product_invalid_id")

	var body map[string]json.RawMessage
	require.NoError(t, json.Unmarshal(rec.last(t).Body, &body))
	assert.JSONEq(t, `[{"id":12,"sale_price":"39"}]`, string(body["update"]))
	assert.JSONEq(t, `[999999]`, string(body["delete"]))
}

func TestBatchSplitsOverTheLimit(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name      string
		limit     int
		creates   int
		updates   int
		deletes   int
		wantCalls [][3]int // creates, updates, deletes per call
	}{
		{"250 creates in three calls", 100, 250, 0, 0, [][3]int{{100, 0, 0}, {100, 0, 0}, {50, 0, 0}}},
		{"mixed across the boundary", 100, 60, 60, 30, [][3]int{{60, 40, 0}, {0, 20, 30}}},
		{"exactly the limit is one call", 100, 40, 40, 20, [][3]int{{40, 40, 20}}},
		{"custom limit", 2, 1, 1, 1, [][3]int{{1, 1, 0}, {0, 0, 1}}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			rec := newRecorder(t, func(w http.ResponseWriter, r *http.Request, _ int) {
				var in struct {
					Create []json.RawMessage `json:"create"`
					Update []struct {
						ID int64 `json:"id"`
					} `json:"update"`
					Delete []int64 `json:"delete"`
				}
				_ = json.NewDecoder(r.Body).Decode(&in)
				out := map[string][]map[string]any{}
				for range in.Create {
					out["create"] = append(out["create"], map[string]any{"id": 1000})
				}
				for _, u := range in.Update {
					out["update"] = append(out["update"], map[string]any{"id": u.ID})
				}
				for _, d := range in.Delete {
					out["delete"] = append(out["delete"], map[string]any{"id": d})
				}
				_ = json.NewEncoder(w).Encode(out)
			})
			var req BatchRequest[TagRequest]
			for i := range tc.creates {
				req.Create = append(req.Create, TagRequest{Name: fmt.Sprint("t", i)})
			}
			for i := range tc.updates {
				req.Update = append(req.Update, BatchUpdate[TagRequest]{ID: int64(i + 1), Request: TagRequest{Slug: "s"}})
			}
			for i := range tc.deletes {
				req.Delete = append(req.Delete, int64(5000+i))
			}
			res, err := rec.client(t, WithBatchLimit(tc.limit)).Tags.Batch(context.Background(), req)
			require.NoError(t, err)
			reqs := rec.requests()
			require.Len(t, reqs, len(tc.wantCalls))
			for i, r := range reqs {
				assert.Equal(t, "/wp-json/wc/v3/products/tags/batch", r.Path)
				var got struct {
					Create, Update, Delete []json.RawMessage
				}
				require.NoError(t, json.Unmarshal(r.Body, &got))
				assert.Equal(t, tc.wantCalls[i], [3]int{len(got.Create), len(got.Update), len(got.Delete)}, "call %d", i+1)
			}
			assert.Len(t, res.Create, tc.creates)
			require.Len(t, res.Update, tc.updates)
			require.Len(t, res.Delete, tc.deletes)
			for i, u := range res.Update {
				assert.Equal(t, int64(i+1), u.ID, "updates stay in order")
			}
			for i, d := range res.Delete {
				assert.Equal(t, int64(5000+i), d.ID, "deletes stay in order")
			}
			assert.NoError(t, res.Err())
		})
	}
}

func TestBatchReturnsPartialResultsWhenACallFails(t *testing.T) {
	t.Parallel()
	rec := newRecorder(t, func(w http.ResponseWriter, _ *http.Request, n int) {
		if n == 2 {
			w.WriteHeader(http.StatusRequestEntityTooLarge)
			_, _ = w.Write([]byte(`{"code":"woocommerce_rest_request_entity_too_large","message":"Unable to accept more than 1 items for this request.","data":{"status":413}}`))
			return
		}
		_, _ = w.Write([]byte(`{"delete":[{"id":1}]}`))
	})
	res, err := rec.client(t, WithBatchLimit(1)).Coupons.Batch(context.Background(), BatchRequest[CouponRequest]{Delete: []int64{1, 2, 3}})
	require.ErrorIs(t, err, ErrTooLarge)
	assert.Contains(t, err.Error(), "woocommerce: batch coupons (call 2 of 3, items 2-2 of 3): HTTP 413")
	require.NotNil(t, res)
	assert.Len(t, res.Delete, 1)
	assert.Len(t, rec.requests(), 2)
}

func TestBatchEmptyMakesNoCall(t *testing.T) {
	t.Parallel()
	rec := newRecorder(t, jsonServer(200, []byte("{}")))
	res, err := rec.client(t).Products.Batch(context.Background(), BatchRequest[ProductRequest]{})
	require.NoError(t, err)
	assert.Equal(t, 0, res.Failed())
	assert.Empty(t, rec.requests())
}

func TestBatchUpdateMarshal(t *testing.T) {
	t.Parallel()
	b, err := json.Marshal(BatchUpdate[ProductRequest]{ID: 5})
	require.NoError(t, err)
	assert.JSONEq(t, `{"id":5}`, string(b))
	b, err = json.Marshal(BatchUpdate[ProductRequest]{ID: 5, Request: ProductRequest{Name: "a<b"}})
	require.NoError(t, err)
	assert.JSONEq(t, `{"id":5,"name":"a<b"}`, string(b))
	_, err = json.Marshal(BatchUpdate[int]{ID: 5, Request: 3})
	require.Error(t, err)
	assert.True(t, strings.Contains(err.Error(), "JSON object"))
}

func TestBatchItemErrorWithoutStatus(t *testing.T) {
	t.Parallel()
	items, err := decodeBatchItems[Product]([]json.RawMessage{[]byte(`{"id":3,"error":{"code":"x","message":"y"}}`)})
	require.NoError(t, err)
	require.NotNil(t, items[0].Err)
	assert.Equal(t, 500, items[0].Err.StatusCode)
	assert.True(t, errors.Is(items[0].Err, ErrServer))
}
