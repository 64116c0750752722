package soap

import (
	"bytes"
	"testing"
)

// accountDocument is the Write document of a typical account.
func accountDocument() *Element {
	return NewElement("extAccount",
		"xtkschema", "nms:extAccount", "_operation", "insertOrUpdate", "_key", "@name",
		"name", "Adobe_Marketing_Cloud", "label", "Adobe Experience Cloud", "type", "24", "active", "1",
		"imsServer", "https://ims-na1.adobelogin.com", "userScope", "openid,AdobeID,session,additional_info.projectedProductContext",
		"clientId", "Campaign1", "clientSecret", "@8Qm0b5HkUq3T2hR1sV9wXyZaBcDeFgHi==",
		"callbackServer", "https://acme-mkt-prod1.campaign.adobe.com", "imsOrgId", "0123456789ABCDEF01234567@AdobeOrg",
		"imsRightsMask", "Campaign - acme - (.*)", "productContext", "dma_campaign_classic",
		"server", "https://marketing.adobe.com", "tenant", "acme")
}

func BenchmarkMarshalWriteRequest(b *testing.B) {
	req := Request{Service: "xtk:persist", Method: "Write", SessionToken: "___0F1E2D3C-4B5A-6978-8796-A5B4C3D2E1F0",
		Params: []Param{Document("doc", accountDocument())}}
	b.ReportAllocs()
	for b.Loop() {
		if len(req.Marshal()) == 0 {
			b.Fatal("empty request")
		}
	}
}

func benchmarkDecode(b *testing.B, answer string, outputs int) {
	data := []byte(answer)
	b.ReportAllocs()
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		resp, err := DecodeResponse(bytes.NewReader(data))
		if err != nil || len(resp.Outputs) != outputs {
			b.Fatalf("decode: %v", err)
		}
	}
}

func BenchmarkDecodeLogonResponse(b *testing.B) { benchmarkDecode(b, logonResponse, 3) }

func BenchmarkDecodeExecuteQueryResponse(b *testing.B) { benchmarkDecode(b, executeQueryResponse, 1) }
