package hooks

import (
	"context"

	"github.com/pocketbase/pocketbase/core"
)

// Actor is who causes a change, as the audit log records it.
type Actor struct {
	ID   string // auth record id; empty for anonymous callers and the system
	Kind string // staff, participant, superuser, anonymous, system
}

type actorKey struct{}

// WithActor returns ctx carrying a.
func WithActor(ctx context.Context, a Actor) context.Context {
	return context.WithValue(ctx, actorKey{}, a)
}

// actorFrom returns the actor of ctx; saves without one are the system's
// (cron jobs, migrations, tools).
func actorFrom(ctx context.Context) Actor {
	if ctx != nil {
		if a, ok := ctx.Value(actorKey{}).(Actor); ok {
			return a
		}
	}
	return Actor{Kind: "system"}
}

func actorOf(auth *core.Record) Actor {
	switch callerOf(auth).Kind {
	case callerStaff:
		return Actor{ID: auth.Id, Kind: "staff"}
	case callerParticipant:
		return Actor{ID: auth.Id, Kind: "participant"}
	case callerSuperuser:
		return Actor{ID: auth.Id, Kind: "superuser"}
	}
	return Actor{Kind: "anonymous"}
}

// bindActor attributes record API saves: PocketBase saves them with a
// background context, so the request hooks hand the form an app that adds
// the caller to every save's context.
func bindActor(app core.App) {
	as := func(e *core.RecordRequestEvent) error {
		e.App = &actingApp{App: e.App, ctx: WithActor(context.Background(), actorOf(e.Auth))}
		return e.Next()
	}
	app.OnRecordCreateRequest().BindFunc(as)
	app.OnRecordUpdateRequest().BindFunc(as)
	app.OnRecordDeleteRequest().BindFunc(as)
}

// actingApp saves with a context that names the actor: our handlers write
// through it so that their saves are attributed too (core.App.Save uses a
// background context).
type actingApp struct {
	core.App
	ctx context.Context
}

// As returns app saving on behalf of a (for tools and the demo data).
func As(app core.App, a Actor) core.App {
	return &actingApp{App: app, ctx: WithActor(context.Background(), a)}
}

// asCaller is As for the caller of a request.
func asCaller(e *core.RequestEvent) core.App {
	return &actingApp{App: e.App, ctx: WithActor(context.Background(), actorOf(e.Auth))}
}

// with adds the actor to ctx unless it names one already.
func (a *actingApp) with(ctx context.Context) context.Context {
	if ctx == nil {
		return a.ctx
	}
	if _, ok := ctx.Value(actorKey{}).(Actor); ok {
		return ctx
	}
	return WithActor(ctx, actorFrom(a.ctx))
}

func (a *actingApp) Save(m core.Model) error { return a.App.SaveWithContext(a.ctx, m) }

func (a *actingApp) SaveWithContext(ctx context.Context, m core.Model) error {
	return a.App.SaveWithContext(a.with(ctx), m)
}

func (a *actingApp) SaveNoValidate(m core.Model) error {
	return a.App.SaveNoValidateWithContext(a.ctx, m)
}

func (a *actingApp) SaveNoValidateWithContext(ctx context.Context, m core.Model) error {
	return a.App.SaveNoValidateWithContext(a.with(ctx), m)
}

func (a *actingApp) Delete(m core.Model) error { return a.App.DeleteWithContext(a.ctx, m) }

func (a *actingApp) DeleteWithContext(ctx context.Context, m core.Model) error {
	return a.App.DeleteWithContext(a.with(ctx), m)
}

func (a *actingApp) RunInTransaction(fn func(core.App) error) error {
	return a.App.RunInTransaction(func(tx core.App) error { return fn(&actingApp{App: tx, ctx: a.ctx}) })
}

// actorOfApp is the actor app saves for (the system unless it is an acting app).
func actorOfApp(app core.App) Actor {
	if a, ok := app.(*actingApp); ok {
		return actorFrom(a.ctx)
	}
	return actorFrom(nil)
}
