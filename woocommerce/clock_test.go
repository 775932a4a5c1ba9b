package woocommerce_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/woonexo/woonexo/woocommerce"
	"github.com/woonexo/woonexo/woocommerce/wootest"
)

// A store whose clock is years away refuses the client's OAuth timestamp
// unless the client signs with the same clock (WithClock).
func TestWithClockSignsWithTheGivenClock(t *testing.T) {
	t.Parallel()
	at := time.Date(2031, 2, 28, 23, 59, 0, 0, time.UTC)
	clock := func() time.Time { return at }
	shop := wootest.NewServer(wootest.WithClock(clock))
	defer shop.Close()

	wall, err := woocommerce.NewClient(shop.URL, woocommerce.WithCredentials(shop.ConsumerKey, shop.ConsumerSecret), woocommerce.WithRetries(0))
	require.NoError(t, err)
	_, _, err = wall.Products.List(context.Background(), nil)
	var apiErr *woocommerce.APIError
	require.True(t, errors.As(err, &apiErr), "the wall clock is accepted by a store at 2031: %v", err)
	assert.Equal(t, 401, apiErr.StatusCode)

	same, err := woocommerce.NewClient(shop.URL, woocommerce.WithCredentials(shop.ConsumerKey, shop.ConsumerSecret), woocommerce.WithRetries(0), woocommerce.WithClock(clock))
	require.NoError(t, err)
	_, _, err = same.Products.List(context.Background(), nil)
	require.NoError(t, err)

	_, err = woocommerce.NewClient(shop.URL, woocommerce.WithClock(nil))
	require.Error(t, err)
}
