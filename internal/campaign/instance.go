package campaign

import (
	"context"
	"net/http"

	"github.com/hashicorp/go-retryablehttp"

	"github.com/acc-terraform/terraform-provider-campaign/internal/httpclient"
	"github.com/acc-terraform/terraform-provider-campaign/internal/soap"
)

// InstanceInfo is what /r/test tells about an instance (anonymous, not SOAP).
type InstanceInfo struct {
	Status   string
	Instance string
	Build    string
	Version  string
}

// Instance reads /r/test.
func (c *Client) Instance(ctx context.Context) (*InstanceInfo, error) {
	ctx, attempts := httpclient.AttemptCounter(ctx)
	req, err := retryablehttp.NewRequestWithContext(ctx, http.MethodGet, c.endpoint.String()+"/r/test", nil)
	if err != nil {
		return nil, err
	}
	req.Header.Set("User-Agent", c.cfg.UserAgent)
	resp, err := c.send(ctx, c.http, req, "GET /r/test", attempts)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	if httpclient.IsRedirect(resp) {
		return nil, c.redactRedirect(redirectError("GET /r/test", resp))
	}
	root, err := soap.Parse(resp.Body)
	if resp.StatusCode != http.StatusOK || err != nil || root.Name != "redir" {
		return nil, &HTTPError{Action: "GET /r/test", StatusCode: resp.StatusCode, Status: httpclient.DescribeStatus(resp), Attempts: *attempts,
			Body: "the answer is not Campaign's <redir> test document"}
	}
	return &InstanceInfo{
		Status:   root.AttrOr("status", ""),
		Instance: root.AttrOr("instance", ""),
		Build:    root.AttrOr("build", ""),
		Version:  root.AttrOr("version", ""),
	}, nil
}
