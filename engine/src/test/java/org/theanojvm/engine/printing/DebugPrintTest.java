package org.theanojvm.engine.printing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.theanojvm.engine.function.Function;
import org.theanojvm.engine.graph.Variable;
import org.theanojvm.engine.tensor.T;

/** Expected texts are Theano 1.0's (theano/tests/test_printing.py::test_debugprint), op names in 1.0's lower case. */
class DebugPrintTest {
    private static Variable g() {
        Variable a = T.dmatrix("A"), b = T.dmatrix("B");
        Variable c = T.add(a, b).setName("C");
        Variable d = T.dmatrix("D"), e = T.dmatrix("E");
        return T.add(c, T.add(d, e));
    }

    @Test
    void charIds() {
        String s = new DebugPrint("CHAR", false, false).print(g(), null, -1).text();
        assertEquals(String.join("\n",
                "Elemwise{add,no_inplace} [id A] ''   ",
                " |Elemwise{add,no_inplace} [id B] 'C'   ",
                " | |A [id C]",
                " | |B [id D]",
                " |Elemwise{add,no_inplace} [id E] ''   ",
                "   |D [id F]",
                "   |E [id G]") + "\n", s);
    }

    @Test
    void intIdsStopOnNameAndNoIds() {
        assertEquals(String.join("\n",
                "Elemwise{add,no_inplace} [id 0] ''   ",
                " |Elemwise{add,no_inplace} [id 1] 'C'   ",
                " | |A [id 2]",
                " | |B [id 3]",
                " |Elemwise{add,no_inplace} [id 4] ''   ",
                "   |D [id 5]",
                "   |E [id 6]") + "\n", new DebugPrint("int", false, false).print(g(), null, -1).text());
        assertEquals(String.join("\n",
                "Elemwise{add,no_inplace} [id A] ''   ",
                " |Elemwise{add,no_inplace} [id B] 'C'   ",
                " |Elemwise{add,no_inplace} [id C] ''   ",
                "   |D [id D]",
                "   |E [id E]") + "\n", new DebugPrint("CHAR", false, true).print(g(), null, -1).text());
        assertEquals(String.join("\n",
                "Elemwise{add,no_inplace}  ''   ",
                " |Elemwise{add,no_inplace}  'C'   ",
                " | |A ",
                " | |B ",
                " |Elemwise{add,no_inplace}  ''   ",
                "   |D ",
                "   |E ") + "\n", new DebugPrint("", false, false).print(g(), null, -1).text());
    }

    @Test
    void typesDepthAndSharedSubgraphs() {
        Variable x = T.dvector("x");
        Variable y = T.exp(x);
        Variable z = T.mul(y, y);
        assertEquals(String.join("\n",
                "Elemwise{mul,no_inplace} [id A] <TensorType(float64, vector)> ''   ",
                " |Elemwise{exp,no_inplace} [id B] <TensorType(float64, vector)> ''   ",
                " | |x [id C] <TensorType(float64, vector)>",
                " |Elemwise{exp,no_inplace} [id B] <TensorType(float64, vector)> ''   ") + "\n",
                new DebugPrint("CHAR", true, false).print(z, null, -1).text());
        assertEquals(String.join("\n",
                "Elemwise{mul,no_inplace} [id A] ''   ",
                " |Elemwise{exp,no_inplace} [id B] ''   ",
                " |Elemwise{exp,no_inplace} [id B] ''   ") + "\n",
                new DebugPrint("CHAR", false, false).print(z, null, 2).text());
    }

    @Test
    void compiledFunctionPrintsToposortIndices() {
        Variable a = T.dscalar("a"), b = T.dscalar("b");
        Function f = Function.compile(List.of(a, b), List.of(T.add(a, b)));
        var fg = f.fgraph();
        DebugPrint p = new DebugPrint("CHAR", false, false);
        for (Variable o : fg.outputs()) p.print(o, fg.toposort(), -1);
        assertEquals(String.join("\n",
                "Elemwise{add,no_inplace} [id A] ''   0",
                " |a [id B]",
                " |b [id C]") + "\n", p.text());
    }

    @Test
    void idsAfterZ() {
        assertEquals("A", DebugPrint.charFromNumber(0));
        assertEquals("Z", DebugPrint.charFromNumber(25));
        assertEquals("BA", DebugPrint.charFromNumber(26));
        assertEquals("BB", DebugPrint.charFromNumber(27));
        assertEquals("CA", DebugPrint.charFromNumber(52));
    }

    @Test
    void profiledFunctionsGetTimingSuffixes() {
        Variable a = T.dscalar("a");
        Variable e = T.exp(a);
        DebugPrint p = new DebugPrint("CHAR", false, false).timing(java.util.Map.of(e.owner(), new double[] {1.5e-5, 12.34, 2.5e-5, 20.0}));
        assertEquals("Elemwise{exp,no_inplace} [id A] ''    --> 1.50e-05s 12.3% 2.50e-05s 20.0%\n |a [id B]\n", p.print(e, null, -1).text());
    }

    @Test
    void scanInnerGraphsArePrintedAfterTheOuterGraph() {
        Variable k = T.iscalar("k"), A = T.dvector("A");
        var r = org.theanojvm.engine.scan.Scan.scan(a -> List.of(T.mul(a.get(0), a.get(1))), null,
                org.theanojvm.engine.scan.Scan.outputs(T.onesLike(A)), List.of(A), k, false, -1, null);
        Variable out = r.output(0);
        String text = new DebugPrint("CHAR", false, false).printRoot(out, null, -1).printInnerGraphs(-1).text();
        String[] parts = text.split("\n\nInner graphs of the scan ops:\n\n", -1);
        assertEquals(2, parts.length, text);
        String scanLine = parts[0].lines().filter(l -> l.contains(r.op().toString())).findFirst().orElseThrow().trim();
        String scanId = scanLine.substring(scanLine.indexOf("[id "), scanLine.indexOf(']') + 1);
        String aLine = parts[0].lines().filter(l -> l.contains("|A [id")).findFirst().orElseThrow().trim();
        String aId = aLine.substring(aLine.indexOf("[id "));
        String[] inner = parts[1].split("\n");
        assertEquals(r.op() + " " + scanId + " ''   ", inner[0]);           // the scan again, not expanded
        assertTrue(inner[1].startsWith(" >Elemwise{mul,no_inplace} [id "), parts[1]);
        assertTrue(inner[2].startsWith(" > |") && inner[3].startsWith(" > |"), parts[1]);
        assertTrue(inner[3].endsWith(" -> " + aId), parts[1]);                  // the non-sequence stands for A
    }
}
