/**
 * Common listed instruments the search finds offline, beside the catalogue and the crypto list of the
 * `cryptocurrencies` package: the largest US, European, Japanese, Hong Kong, Canadian and Australian shares and the
 * most held index ETFs. Source: the issuers' and exchanges' public listings (ticker in Yahoo's convention, the ISIN,
 * the main exchange and its trading currency), compiled by hand; a listing that moves is still found through the
 * providers' search, which this list only precedes.
 */
export interface CommonListing {
  symbol: string;
  name: string;
  isin: string;
  exchange: string;
  currency: string;
  type: 'Equity' | 'ETF';
}

const ROWS = `AAPL|Apple Inc.|US0378331005|NASDAQ|USD|Equity
MSFT|Microsoft Corporation|US5949181045|NASDAQ|USD|Equity
AMZN|Amazon.com, Inc.|US0231351067|NASDAQ|USD|Equity
GOOGL|Alphabet Inc. Class A|US02079K3059|NASDAQ|USD|Equity
GOOG|Alphabet Inc. Class C|US02079K1079|NASDAQ|USD|Equity
META|Meta Platforms, Inc.|US30303M1027|NASDAQ|USD|Equity
NVDA|NVIDIA Corporation|US67066G1040|NASDAQ|USD|Equity
TSLA|Tesla, Inc.|US88160R1014|NASDAQ|USD|Equity
NFLX|Netflix, Inc.|US64110L1061|NASDAQ|USD|Equity
INTC|Intel Corporation|US4581401001|NASDAQ|USD|Equity
AMD|Advanced Micro Devices, Inc.|US0079031078|NASDAQ|USD|Equity
CSCO|Cisco Systems, Inc.|US17275R1023|NASDAQ|USD|Equity
ADBE|Adobe Inc.|US00724F1012|NASDAQ|USD|Equity
PEP|PepsiCo, Inc.|US7134481081|NASDAQ|USD|Equity
BRK-B|Berkshire Hathaway Inc. Class B|US0846707026|NYSE|USD|Equity
JPM|JPMorgan Chase & Co.|US46625H1005|NYSE|USD|Equity
V|Visa Inc.|US92826C8394|NYSE|USD|Equity
MA|Mastercard Incorporated|US57636Q1040|NYSE|USD|Equity
JNJ|Johnson & Johnson|US4781601046|NYSE|USD|Equity
PG|The Procter & Gamble Company|US7427181091|NYSE|USD|Equity
KO|The Coca-Cola Company|US1912161007|NYSE|USD|Equity
DIS|The Walt Disney Company|US2546871060|NYSE|USD|Equity
IBM|International Business Machines Corporation|US4592001014|NYSE|USD|Equity
ORCL|Oracle Corporation|US68389X1054|NYSE|USD|Equity
XOM|Exxon Mobil Corporation|US30231G1022|NYSE|USD|Equity
CVX|Chevron Corporation|US1667641005|NYSE|USD|Equity
MCD|McDonald's Corporation|US5801351017|NYSE|USD|Equity
NKE|NIKE, Inc.|US6541061031|NYSE|USD|Equity
CRM|Salesforce, Inc.|US79466L3024|NYSE|USD|Equity
PFE|Pfizer Inc.|US7170811035|NYSE|USD|Equity
BAC|Bank of America Corporation|US0605051046|NYSE|USD|Equity
SPY|SPDR S&P 500 ETF Trust|US78462F1030|NYSE Arca|USD|ETF
VOO|Vanguard S&P 500 ETF|US9229083632|NYSE Arca|USD|ETF
VTI|Vanguard Total Stock Market ETF|US9229087690|NYSE Arca|USD|ETF
IVV|iShares Core S&P 500 ETF|US4642872000|NYSE Arca|USD|ETF
QQQ|Invesco QQQ Trust|US46090E1038|NASDAQ|USD|ETF
VOD.L|Vodafone Group Plc|GB00BH4HKS39|London|GBP|Equity
HSBA.L|HSBC Holdings plc|GB0005405286|London|GBP|Equity
SHEL.L|Shell plc|GB00BP6MXD84|London|GBP|Equity
AZN.L|AstraZeneca PLC|GB0009895292|London|GBP|Equity
TSCO.L|Tesco PLC|GB00BLGZ9862|London|GBP|Equity
BP.L|BP p.l.c.|GB0007980591|London|GBP|Equity
ULVR.L|Unilever PLC|GB00B10RZP78|London|GBP|Equity
CSPX.L|iShares Core S&P 500 UCITS ETF USD (Acc)|IE00B5BMR087|London|USD|ETF
SAP.DE|SAP SE|DE0007164600|XETRA|EUR|Equity
SIE.DE|Siemens Aktiengesellschaft|DE0007236101|XETRA|EUR|Equity
ALV.DE|Allianz SE|DE0008404005|XETRA|EUR|Equity
BAS.DE|BASF SE|DE000BASF111|XETRA|EUR|Equity
BMW.DE|Bayerische Motoren Werke Aktiengesellschaft|DE0005190003|XETRA|EUR|Equity
VOW3.DE|Volkswagen AG (preferred)|DE0007664039|XETRA|EUR|Equity
EUNL.DE|iShares Core MSCI World UCITS ETF USD (Acc)|IE00B4L5Y983|XETRA|EUR|ETF
MC.PA|LVMH Moët Hennessy Louis Vuitton SE|FR0000121014|Paris|EUR|Equity
OR.PA|L'Oréal S.A.|FR0000120321|Paris|EUR|Equity
TTE.PA|TotalEnergies SE|FR0000120271|Paris|EUR|Equity
AIR.PA|Airbus SE|NL0000235190|Paris|EUR|Equity
ASML.AS|ASML Holding N.V.|NL0010273215|Amsterdam|EUR|Equity
IWDA.AS|iShares Core MSCI World UCITS ETF USD (Acc)|IE00B4L5Y983|Amsterdam|EUR|ETF
VWRL.AS|Vanguard FTSE All-World UCITS ETF (Dist)|IE00B3RBWM25|Amsterdam|EUR|ETF
NESN.SW|Nestlé S.A.|CH0038863350|SIX Swiss|CHF|Equity
NOVN.SW|Novartis AG|CH0012005267|SIX Swiss|CHF|Equity
ROG.SW|Roche Holding AG|CH0012032048|SIX Swiss|CHF|Equity
NOVO-B.CO|Novo Nordisk A/S Class B|DK0062498333|Copenhagen|DKK|Equity
7203.T|Toyota Motor Corporation|JP3633400001|Tokyo|JPY|Equity
6758.T|Sony Group Corporation|JP3435000009|Tokyo|JPY|Equity
0700.HK|Tencent Holdings Limited|KYG875721634|Hong Kong|HKD|Equity
9988.HK|Alibaba Group Holding Limited|KYG017191142|Hong Kong|HKD|Equity
SHOP.TO|Shopify Inc.|CA82509L1076|Toronto|CAD|Equity
RY.TO|Royal Bank of Canada|CA7800871021|Toronto|CAD|Equity
BHP.AX|BHP Group Limited|AU000000BHP4|ASX|AUD|Equity
CBA.AX|Commonwealth Bank of Australia|AU000000CBA7|ASX|AUD|Equity`;

export const COMMON_LISTINGS: readonly CommonListing[] = ROWS.split('\n').map((line) => {
  const [symbol, name, isin, exchange, currency, type] = line.split('|') as [string, string, string, string, string, CommonListing['type']];
  return { symbol, name, isin, exchange, currency, type };
});
