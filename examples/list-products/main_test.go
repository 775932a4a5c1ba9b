package main

import (
	"context"
	"fmt"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/woonexo/woonexo/woocommerce/wootest"
)

func TestListProductsPrintsEveryPage(t *testing.T) {
	t.Parallel()
	srv := wootest.NewServer()
	t.Cleanup(srv.Close)
	// 101 products: the iterator must follow to the second page of 100.
	for i := 1; i <= 100; i++ {
		_, err := srv.Store.AddProduct(wootest.Product{Name: fmt.Sprintf("Mug %03d", i), SKU: fmt.Sprintf("MUG-%03d", i),
			RegularPrice: "9.50", ManageStock: true, StockQuantity: wootest.Int(i)})
		require.NoError(t, err)
	}
	poster, err := srv.Store.AddProduct(wootest.Product{Name: "Poster", SKU: "POSTER", RegularPrice: "5.00"})
	require.NoError(t, err)
	env := map[string]string{"WOONEXO_STORE_URL": srv.URL, "WOONEXO_CONSUMER_KEY": srv.ConsumerKey, "WOONEXO_CONSUMER_SECRET": srv.ConsumerSecret}

	var out strings.Builder
	require.NoError(t, listProducts(context.Background(), func(k string) string { return env[k] }, &out))
	lines := strings.Split(strings.TrimSuffix(out.String(), "\n"), "\n")
	require.Len(t, lines, 102, "a header and one line per product")
	assert.Regexp(t, `^ID\s+SKU\s+NAME\s+STOCK$`, lines[0])
	body := strings.Join(lines[1:], "\n")
	assert.Regexp(t, regexp.MustCompile(`(?m)^\d+\s+MUG-042\s+Mug 042\s+42$`), body)
	assert.Regexp(t, regexp.MustCompile(fmt.Sprintf(`(?m)^%d\s+POSTER\s+Poster\s+-$`, poster.ID)), body, "unmanaged stock prints -")
}

func TestListProductsReportsBadCredentials(t *testing.T) {
	t.Parallel()
	srv := wootest.NewServer()
	t.Cleanup(srv.Close)
	env := map[string]string{"WOONEXO_STORE_URL": srv.URL, "WOONEXO_CONSUMER_KEY": srv.ConsumerKey, "WOONEXO_CONSUMER_SECRET": "cs_wrong"}
	var out strings.Builder
	err := listProducts(context.Background(), func(k string) string { return env[k] }, &out)
	require.Error(t, err)
	assert.NotContains(t, err.Error(), "cs_wrong", "the secret never appears in an error")

	require.Error(t, listProducts(context.Background(), func(string) string { return "" }, &out), "no store URL")
}
