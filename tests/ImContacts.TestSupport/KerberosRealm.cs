using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace ImContacts.TestSupport;

/// <summary>
/// A throwaway MIT Kerberos realm on 127.0.0.1 (Debian's krb5-kdc, krb5-admin-server, krb5-user), made in a private
/// folder in well under a second: its own krb5.conf, KDC database, principals and the HTTP service's keytab. While it
/// runs, this process's KRB5_CONFIG, KRB5_KTNAME, KRB5CCNAME and KRB5RCACHEDIR point into that folder, so the
/// client (GSSAPI in .NET) and the simulator's NegotiateAuthentication both use it; the system's own configuration is
/// never read or touched.
/// </summary>
public sealed class KerberosRealm : IDisposable
{
    public const string Name = "CONTOSO.TEST";

    /// <summary>The NetBIOS-style domain NTLM knows the users by (gss-ntlmssp's NTLM_USER_FILE).</summary>
    public const string NtlmDomain = "CONTOSO";

    private const string FakeTime = "/usr/lib/x86_64-linux-gnu/faketime/libfaketime.so.1";

    private static readonly string[] Tools =
    {
        "/usr/sbin/krb5kdc", "/usr/sbin/kdb5_util", "/usr/sbin/kadmin.local", "/usr/bin/kinit",
        "/etc/gss/mech.d/mech.ntlmssp.conf", // gss-ntlmssp: NTLM inside Negotiate, both sides
    };
    private readonly Process kdc;
    private readonly Dictionary<string, string?> saved = new();

    private KerberosRealm(string folder, int port, Process kdc)
    {
        Folder = folder;
        Port = port;
        this.kdc = kdc;
    }

    public string Folder { get; }

    public int Port { get; }

    /// <summary>The client's credential cache, for kinit and -UseDefaultCredentials.</summary>
    public string CredentialCache => Path.Combine(Folder, "ccache");

    /// <summary>
    /// Makes the realm with a user principal per (name, password), also known to NTLM as CONTOSO\name, and the service
    /// principals HTTP/localhost and HTTP/ each of <paramref name="serviceHosts"/> (names under contoso.test) in the
    /// keytab. 127.0.0.1 has no service principal: a URL with it cannot use Kerberos. A <paramref name="kdcClockOffset"/>
    /// runs the KDC on a clock that far from this machine's.
    /// </summary>
    public static KerberosRealm Start(IEnumerable<(string User, string Password)> users, TimeSpan kdcClockOffset = default, IEnumerable<string>? serviceHosts = null)
    {
        var missing = Tools.Where(t => !File.Exists(t)).ToList();
        if (missing.Count > 0)
        {
            throw new InvalidOperationException(
                $"The Kerberos tests need MIT Kerberos and gss-ntlmssp, and {string.Join(", ", missing)} is missing. Install it with "
                + "'apt-get install krb5-kdc krb5-admin-server krb5-user gss-ntlmssp' (.ci/run does so).");
        }

        var folder = Directory.CreateTempSubdirectory("imcontacts-realm-").FullName;
        var port = FreePort();
        File.WriteAllText(Path.Combine(folder, "krb5.conf"), $$"""
            [libdefaults]
              default_realm = {{Name}}
              dns_lookup_kdc = false
              dns_lookup_realm = false
              rdns = false
              udp_preference_limit = 1
            [realms]
              {{Name}} = {
                kdc = 127.0.0.1:{{port}}
              }
            [domain_realm]
              localhost = {{Name}}
              127.0.0.1 = {{Name}}
              contoso.test = {{Name}}
              .contoso.test = {{Name}}
            """);
        File.WriteAllText(Path.Combine(folder, "kdc.conf"), $$"""
            [kdcdefaults]
              kdc_listen = 127.0.0.1:{{port}}
              kdc_tcp_listen = 127.0.0.1:{{port}}
            [realms]
              {{Name}} = {
                database_name = {{folder}}/principal
                key_stash_file = {{folder}}/stash
                max_life = 10h
              }
            [logging]
              kdc = FILE:{{folder}}/kdc.log
            """);
        var environment = new Dictionary<string, string>
        {
            ["KRB5_CONFIG"] = Path.Combine(folder, "krb5.conf"),
            ["KRB5_KDC_PROFILE"] = Path.Combine(folder, "kdc.conf"),
            ["KRB5_KTNAME"] = "FILE:" + Path.Combine(folder, "http.keytab"),
            ["KRB5CCNAME"] = "FILE:" + Path.Combine(folder, "ccache"),
            ["KRB5RCACHEDIR"] = folder,
            ["NTLM_USER_FILE"] = Path.Combine(folder, "ntlm-users"),
        };

        Run(environment, "/usr/sbin/kdb5_util", "create", "-s", "-r", Name, "-P", "Realm-Master-" + Guid.NewGuid().ToString("N"));
        var ntlmUsers = new List<string>();
        foreach (var (user, password) in users)
        {
            Run(environment, "/usr/sbin/kadmin.local", "-q", $"addprinc -pw {password} {user}");
            // NTLM knows a user by domain and name; a UPN (user@REALM) arrives with the realm as its domain.
            ntlmUsers.Add($"{NtlmDomain}:{user}:{password}");
            ntlmUsers.Add($"{Name}:{user}:{password}");
        }

        File.WriteAllLines(Path.Combine(folder, "ntlm-users"), ntlmUsers);
        foreach (var host in new[] { "localhost" }.Concat(serviceHosts ?? Array.Empty<string>()))
        {
            Run(environment, "/usr/sbin/kadmin.local", "-q", $"addprinc -randkey HTTP/{host}");
            Run(environment, "/usr/sbin/kadmin.local", "-q", $"ktadd -k {folder}/http.keytab HTTP/{host}");
        }

        var start = new ProcessStartInfo("/usr/sbin/krb5kdc") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add("-n");
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        if (kdcClockOffset != TimeSpan.Zero)
        {
            // The domain controller's clock, off from this machine's (client and server alike): libfaketime shifts it.
            if (!File.Exists(FakeTime))
            {
                throw new InvalidOperationException($"A KDC with another clock needs libfaketime, and {FakeTime} is missing. Install it with 'apt-get install libfaketime' (.ci/run does so).");
            }

            start.Environment["LD_PRELOAD"] = FakeTime;
            start.Environment["FAKETIME"] = (kdcClockOffset < TimeSpan.Zero ? "-" : "+") + (long)Math.Abs(kdcClockOffset.TotalSeconds) + "s";
            start.Environment["FAKETIME_DONT_FAKE_MONOTONIC"] = "1";
        }

        var kdc = Process.Start(start)!;
        var realm = new KerberosRealm(folder, port, kdc);
        try
        {
            realm.WaitUntilListening();
            foreach (var (key, value) in environment)
            {
                realm.saved[key] = Environment.GetEnvironmentVariable(key);
                SetVariable(key, value);
            }
        }
        catch
        {
            realm.Dispose();
            throw;
        }

        return realm;
    }

    /// <summary>Gets a ticket for <paramref name="principal"/> into <see cref="CredentialCache"/>, as a Windows logon would.</summary>
    public void Kinit(string principal, string password)
    {
        var start = new ProcessStartInfo("/usr/bin/kinit") { UseShellExecute = false, RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(principal);
        using var process = Process.Start(start)!;
        process.StandardInput.WriteLine(password);
        process.StandardInput.Close();
        if (!process.WaitForExit(10000) || process.ExitCode != 0)
        {
            throw new InvalidOperationException($"kinit {principal} failed: {process.StandardError.ReadToEnd()}");
        }
    }

    /// <summary>
    /// Takes NTLM_USER_FILE away from this process: gss-ntlmssp reads a client's default NTLM credentials from it, so
    /// without it a logon with no ticket has nothing at all to sign in with (the server's NTLM goes with it).
    /// </summary>
    public void HideNtlmUsers() => SetVariable("NTLM_USER_FILE", null);

    public void Dispose()
    {
        foreach (var (key, value) in saved)
        {
            SetVariable(key, value);
        }

        try
        {
            if (!kdc.HasExited)
            {
                kdc.Kill();
                kdc.WaitForExit(5000);
            }
        }
        catch (InvalidOperationException)
        {
        }

        kdc.Dispose();
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private void WaitUntilListening()
    {
        for (var clock = Stopwatch.StartNew(); clock.Elapsed < TimeSpan.FromSeconds(10); Thread.Sleep(20))
        {
            if (kdc.HasExited)
            {
                throw new InvalidOperationException("krb5kdc stopped: " + kdc.StandardError.ReadToEnd());
            }

            try
            {
                using var probe = new TcpClient();
                probe.Connect(IPAddress.Loopback, Port);
                return;
            }
            catch (SocketException)
            {
            }
        }

        throw new InvalidOperationException($"krb5kdc did not listen on 127.0.0.1:{Port} within 10 s.");
    }

    private static void Run(Dictionary<string, string> environment, string tool, params string[] arguments)
    {
        var start = new ProcessStartInfo(tool) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        process.StandardOutput.ReadToEnd();
        if (!process.WaitForExit(30000) || process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{Path.GetFileName(tool)} {string.Join(' ', arguments.Select(a => a.StartsWith("Realm-Master-", StringComparison.Ordinal) ? "***" : a))} failed: {error.Result}");
        }
    }

    /// <summary>
    /// Sets a variable for .NET and for native code alike: on Unix, Environment.SetEnvironmentVariable changes only .NET's
    /// copy, and libgssapi reads the process's own environment (getenv).
    /// </summary>
    private static void SetVariable(string name, string? value)
    {
        Environment.SetEnvironmentVariable(name, value);
        _ = value is null ? unsetenv(name) : setenv(name, value, 1);
    }

    [System.Runtime.InteropServices.DllImport("libc", SetLastError = true)]
    private static extern int setenv(string name, string value, int overwrite);

    [System.Runtime.InteropServices.DllImport("libc", SetLastError = true)]
    private static extern int unsetenv(string name);

    private static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
