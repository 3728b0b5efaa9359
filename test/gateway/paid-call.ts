// One call to AIM 1's /analyze endpoint (text-stats) on a gateway, with a voucher header or none.
export interface CallAnswer {
  status: number;
  body: { error?: string; message?: string; [key: string]: unknown };
}

export async function callAnalyze(
  gatewayUrl: string,
  header: string | undefined,
  body: unknown,
): Promise<CallAnswer> {
  const response = await fetch(`${gatewayUrl}/aims/1/call/analyze`, {
    method: "POST",
    headers: { "content-type": "application/json", ...(header ? { "x-aim-voucher": header } : {}) },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as CallAnswer["body"] };
}
