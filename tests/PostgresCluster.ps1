# Pester helper: the private PostgreSQL cluster of build/pg-cluster.sh (the same script the xunit fixture and
# the bench use). Dot-source it, call Start-TestPostgres in BeforeAll and Stop-TestPostgres in AfterAll.
# The password stays in $script:TestPg.Password and in addresses built from it; tests print neither.

function Start-TestPostgres {
    $script_ = Join-Path $PSScriptRoot '../build/pg-cluster.sh'
    $lines = & bash $script_ start 2>&1
    if ($LASTEXITCODE -ne 0) { throw "Could not start the test PostgreSQL cluster: $($lines -join "`n")" }
    $settings = @{}
    foreach ($line in $lines) { if ("$line" -match '^(PG\w+)=(.*)$') { $settings[$Matches[1]] = $Matches[2] } }
    $script:TestPg = [pscustomobject]@{
        DataDir  = $settings.PGDATA
        Host     = $settings.PGHOST
        Port     = [int]$settings.PGPORT
        User     = $settings.PGUSER
        Password = $settings.PGPASSWORD
    }
    $script:TestPg
}

function Stop-TestPostgres {
    if ($script:TestPg) { & bash (Join-Path $PSScriptRoot '../build/pg-cluster.sh') stop $script:TestPg.DataDir 2>&1 | Out-Null }
}

# An address for a schema of its own; -NoPassword leaves the password to -Credential, PGPASSWORD or pgpass.
function Get-TestPostgresAddress([string] $Schema = ('t_' + [guid]::NewGuid().ToString('N').Substring(0, 12)), [switch] $NoPassword, [string] $Database = 'postgres') {
    $auth = if ($NoPassword) { $script:TestPg.User } else { "$($script:TestPg.User):$($script:TestPg.Password)" }
    "postgresql://$auth@$($script:TestPg.Host):$($script:TestPg.Port)/$Database`?schema=$Schema"
}

function Get-TestPostgresCredential {
    [pscredential]::new($script:TestPg.User, (ConvertTo-SecureString $script:TestPg.Password -AsPlainText -Force))
}
